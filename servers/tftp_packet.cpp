#include "servers/tftp_packet.hpp"

#include <algorithm>
#include <cctype>

namespace wirelab::servers {

std::string_view to_string(TftpOpcode op) {
  switch (op) {
    case TftpOpcode::Rrq: return "RRQ";
    case TftpOpcode::Wrq: return "WRQ";
    case TftpOpcode::Data: return "DATA";
    case TftpOpcode::Ack: return "ACK";
    case TftpOpcode::Error: return "ERROR";
    case TftpOpcode::Oack: return "OACK";
  }
  return "unknown";
}

std::string to_string(TftpErrorCode code) {
  static constexpr std::string_view kNames[] = {
      "Not defined",        "File not found",          "Access violation", "Disk full or allocation exceeded",
      "Illegal TFTP operation", "Unknown transfer ID", "File already exists", "No such user",
      "Option negotiation refused"};
  const auto n = static_cast<std::size_t>(code);
  if (n < std::size(kNames)) return std::string(kNames[n]);
  return "unknown (" + std::to_string(n) + ")";
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

namespace {

// Reads NUL-terminated strings one after another from a byte span.
class StringReader {
 public:
  explicit StringReader(Bytes b) : b_(b) {}
  bool at_end() const { return off_ >= b_.size(); }
  std::size_t offset() const { return off_; }
  // The next string, or false when no terminating NUL remains.
  bool next(std::string& out) {
    const std::string_view rest = as_chars(b_.subspan(std::min(off_, b_.size())));
    const auto nul = rest.find('\0');
    if (nul == std::string_view::npos) return false;
    out.assign(rest.substr(0, nul));
    off_ += nul + 1;
    return true;
  }

 private:
  Bytes b_;
  std::size_t off_ = 0;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Result<std::vector<TftpOption>> parse_options(StringReader& r, std::size_t base) {
  std::vector<TftpOption> out;
  while (!r.at_end()) {
    TftpOption o;
    if (!r.next(o.name)) return Error{"option name at offset " + std::to_string(base + r.offset()) + " has no NUL terminator"};
    if (!r.next(o.value))
      return Error{"option \"" + o.name + "\" at offset " + std::to_string(base + r.offset()) + " has no value"};
    out.push_back(std::move(o));
  }
  return out;
}

void put16(std::vector<std::byte>& out, std::uint16_t v) {
  out.push_back(static_cast<std::byte>(v >> 8));
  out.push_back(static_cast<std::byte>(v & 0xff));
}

void put_string(std::vector<std::byte>& out, std::string_view s) {
  for (char c : s) out.push_back(static_cast<std::byte>(c));
  out.push_back(std::byte{0});
}

}  // namespace

Result<TftpPacket> parse_tftp(Bytes d) {
  if (d.size() < 2) return Error{"TFTP packet of " + std::to_string(d.size()) + " bytes: the opcode needs 2"};
  const std::uint16_t op = load_be16(d, 0);
  if (op < 1 || op > 6) return Error{"unknown TFTP opcode " + std::to_string(op) + " at offset 0"};
  TftpPacket p;
  p.opcode = static_cast<TftpOpcode>(op);
  const Bytes body = d.subspan(2);
  switch (p.opcode) {
    case TftpOpcode::Rrq:
    case TftpOpcode::Wrq: {
      StringReader r(body);
      if (!r.next(p.filename)) return Error{std::string(to_string(p.opcode)) + ": filename has no NUL terminator"};
      if (!r.next(p.mode)) return Error{std::string(to_string(p.opcode)) + ": mode has no NUL terminator"};
      p.mode = lower(std::move(p.mode));
      auto opts = parse_options(r, 2);
      if (!opts) return opts.error();
      p.options = std::move(*opts);
      return p;
    }
    case TftpOpcode::Data:
    case TftpOpcode::Ack:
      if (d.size() < 4) return Error{std::string(to_string(p.opcode)) + " of " + std::to_string(d.size()) + " bytes: the block number needs 4"};
      p.block = load_be16(d, 2);
      if (p.opcode == TftpOpcode::Data) p.data = d.subspan(4);
      return p;
    case TftpOpcode::Error: {
      if (d.size() < 4) return Error{"ERROR of " + std::to_string(d.size()) + " bytes: the error code needs 4"};
      p.error = static_cast<TftpErrorCode>(load_be16(d, 2));
      StringReader r(d.subspan(4));
      if (!r.next(p.message)) p.message.assign(as_chars(d.subspan(4)));  // lenient: keep the text anyway
      return p;
    }
    case TftpOpcode::Oack: {
      StringReader r(body);
      auto opts = parse_options(r, 2);
      if (!opts) return opts.error();
      p.options = std::move(*opts);
      return p;
    }
  }
  return Error{"unreachable TFTP opcode"};
}

std::vector<std::byte> tftp_request(TftpOpcode op, std::string_view filename, std::string_view mode,
                                    const std::vector<TftpOption>& options) {
  std::vector<std::byte> out;
  put16(out, static_cast<std::uint16_t>(op));
  put_string(out, filename);
  put_string(out, mode);
  for (const auto& o : options) {
    put_string(out, o.name);
    put_string(out, o.value);
  }
  return out;
}

std::vector<std::byte> tftp_data(std::uint16_t block, Bytes data) {
  std::vector<std::byte> out;
  out.reserve(4 + data.size());
  put16(out, static_cast<std::uint16_t>(TftpOpcode::Data));
  put16(out, block);
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

std::vector<std::byte> tftp_ack(std::uint16_t block) {
  std::vector<std::byte> out;
  put16(out, static_cast<std::uint16_t>(TftpOpcode::Ack));
  put16(out, block);
  return out;
}

std::vector<std::byte> tftp_error(TftpErrorCode code, std::string_view message) {
  std::vector<std::byte> out;
  put16(out, static_cast<std::uint16_t>(TftpOpcode::Error));
  put16(out, static_cast<std::uint16_t>(code));
  put_string(out, message);
  return out;
}

std::vector<std::byte> tftp_oack(const std::vector<TftpOption>& options) {
  std::vector<std::byte> out;
  put16(out, static_cast<std::uint16_t>(TftpOpcode::Oack));
  for (const auto& o : options) {
    put_string(out, o.name);
    put_string(out, o.value);
  }
  return out;
}

}  // namespace wirelab::servers
