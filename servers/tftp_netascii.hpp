// netascii (RFC 764, as TFTP uses it): on the wire every line ends in CR LF and a lone CR is
// sent as CR NUL. The sender turns LF into CR LF and CR into CR NUL; the receiver undoes both.
// The decoder keeps a CR that ends one DATA block until the next block says what follows it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "decode/bytes.hpp"

namespace wirelab::servers {

// Local text -> netascii, appended to `out`.
void netascii_encode(Bytes local, std::vector<std::byte>& out);

// The size the netascii form of `local` will have.
std::uint64_t netascii_encoded_size(Bytes local);

class NetasciiDecoder {
 public:
  // netascii -> local text, appended to `out`.
  void decode(Bytes wire, std::vector<std::byte>& out);
  // End of transfer: a trailing lone CR is kept as CR.
  void finish(std::vector<std::byte>& out);

 private:
  bool pending_cr_ = false;
};

}  // namespace wirelab::servers
