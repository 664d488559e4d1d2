// A minimal HTTP server: GET requests (request line + headers, no body) answered with a short
// text body and Content-Length. HTTP/1.0 without "Connection: keep-alive", or any request with
// "Connection: close", is answered and then the SERVER closes (so the server ends in TIME-WAIT);
// HTTP/1.1 keeps the connection open for the next request.
#pragma once
#include "servers/session.hpp"

namespace wirelab::servers {

class HttpProtocol final : public Protocol {
 public:
  std::unique_ptr<Session> open(int conn_id, SessionHost& host) override;
};

}  // namespace wirelab::servers
