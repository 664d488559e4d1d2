#include "decode/tftp.hpp"

#include <array>
#include <cstring>

namespace wirelab::decode {

std::string_view to_string(TftpOpcode op) {
  static constexpr std::array<std::string_view, 7> kNames{
      "", "Read Request", "Write Request", "Data Packet", "Acknowledgement", "Error Code", "Option Acknowledgement"};
  const auto i = static_cast<std::size_t>(op);
  return i < kNames.size() ? kNames[i] : std::string_view{};
}

std::string_view tftp_error_name(std::uint16_t code) {
  static constexpr std::array<std::string_view, 9> kNames{
      "Not defined",      "File not found",    "Access violation", "Disk full or allocation exceeded",
      "Illegal TFTP Operation", "Unknown transfer ID", "File already exists", "No such user",
      "Option negotiation failed"};
  return code < kNames.size() ? kNames[code] : std::string_view{};
}

bool TftpStringReader::next(std::string_view& text, std::uint32_t& offset, std::uint32_t& length) {
  if (pos_ >= area_.size()) return false;
  const Bytes rest = area_.subspan(pos_);
  const std::string_view chars = as_chars(rest);
  const std::size_t nul = chars.find('\0');
  offset = base_ + static_cast<std::uint32_t>(pos_);
  if (nul == std::string_view::npos) {
    text = chars;
    length = static_cast<std::uint32_t>(chars.size());
    terminated_ = false;
    pos_ = area_.size();
  } else {
    text = chars.substr(0, nul);
    length = static_cast<std::uint32_t>(nul + 1);
    pos_ += nul + 1;
  }
  return true;
}

Result<TftpView, DecodeError> tftp(Bytes b, std::uint32_t frame_offset) {
  const auto avail = static_cast<std::uint32_t>(b.size());
  if (avail < TftpView::kOpcodeLen)
    return DecodeError{.layer = Proto::Tftp, .kind = ErrorKind::Truncated, .field = "tftp.opcode",
                       .offset = frame_offset, .required = TftpView::kOpcodeLen, .available = avail};
  const TftpView v{b};
  const std::uint16_t op = v.opcode();
  if (op < 1 || op > 6)
    return DecodeError{.layer = Proto::Tftp, .kind = ErrorKind::Invalid, .field = "tftp.opcode",
                       .offset = frame_offset, .required = 6, .available = op};
  if ((v.has_block() || v.op() == TftpOpcode::Error) && avail < 4)
    return DecodeError{.layer = Proto::Tftp, .kind = ErrorKind::Truncated,
                       .field = v.op() == TftpOpcode::Error ? "tftp.error.code" : "tftp.block",
                       .offset = frame_offset + 2, .required = 4, .available = avail};
  return v;
}

}  // namespace wirelab::decode
