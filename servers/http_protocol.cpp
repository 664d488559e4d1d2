#include "servers/http_protocol.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace wirelab::servers {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

class HttpSession final : public Session {
 public:
  SessionAction on_data(ByteBuffer& in, ByteBuffer& out) override {
    for (std::size_t end = in.find("\r\n\r\n"); end != std::string_view::npos; end = in.find("\r\n\r\n")) {
      const std::string head = in.take(end + 4);
      const std::string first = head.substr(0, head.find("\r\n"));
      const std::string headers = lower(head);
      const bool http10 = first.size() >= 8 && first.compare(first.size() - 8, 8, "HTTP/1.0") == 0;
      const bool keep = headers.find("connection: close") == std::string::npos &&
                        (!http10 || headers.find("connection: keep-alive") != std::string::npos);
      const auto sp1 = first.find(' '), sp2 = first.rfind(' ');
      const std::string method = first.substr(0, sp1);
      const std::string path = sp1 < sp2 ? first.substr(sp1 + 1, sp2 - sp1 - 1) : "/";
      ++served_;
      std::string status = "200 OK", body;
      if (method != "GET" || sp1 == std::string::npos) {
        status = "400 Bad Request";
        body = "only GET is served here\n";
      } else {
        body = "hello from " + path + " (request " + std::to_string(served_) + " on this connection)\n";
      }
      out.append(std::string(http10 ? "HTTP/1.0 " : "HTTP/1.1 ") + status + "\r\nContent-Type: text/plain\r\n" +
                 "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: " +
                 (keep ? "keep-alive" : "close") + "\r\n\r\n" + body);
      if (!keep) return SessionAction::Close;
    }
    return SessionAction::Continue;
  }

 private:
  int served_ = 0;
};

}  // namespace

std::unique_ptr<Session> HttpProtocol::open(int, SessionHost&) { return std::make_unique<HttpSession>(); }

}  // namespace wirelab::servers
