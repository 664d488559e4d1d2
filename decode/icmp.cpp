#include "decode/icmp.hpp"

namespace wirelab::decode {

Result<IcmpView, DecodeError> icmp(Bytes b, std::uint32_t frame_offset) {
  if (b.size() < IcmpView::kMinHeaderLen)
    return DecodeError{.layer = Proto::Icmp, .kind = ErrorKind::Truncated, .field = "icmp.checksum",
                       .offset = frame_offset, .required = IcmpView::kMinHeaderLen,
                       .available = static_cast<std::uint32_t>(b.size())};
  return IcmpView{b};
}

Result<Icmpv6View, DecodeError> icmpv6(Bytes b, std::uint32_t frame_offset) {
  if (b.size() < Icmpv6View::kMinHeaderLen)
    return DecodeError{.layer = Proto::Icmpv6, .kind = ErrorKind::Truncated, .field = "icmpv6.checksum",
                       .offset = frame_offset, .required = Icmpv6View::kMinHeaderLen,
                       .available = static_cast<std::uint32_t>(b.size())};
  return Icmpv6View{b};
}

bool icmp_is_error(std::uint8_t type) {
  return type == icmp_type::kUnreachable || type == icmp_type::kSourceQuench || type == icmp_type::kRedirect ||
         type == icmp_type::kTimeExceeded || type == icmp_type::kParameterProblem;
}

bool icmp_is_echo(std::uint8_t type) {
  return type == icmp_type::kEchoReply || type == icmp_type::kEchoRequest || type == icmp_type::kTimestamp ||
         type == icmp_type::kTimestampReply || type == 15 || type == 16 || type == 17 || type == 18;
}

std::string_view icmp_type_name(std::uint8_t type) {
  switch (type) {
    case 0: return "Echo (ping) reply";
    case 3: return "Destination unreachable";
    case 4: return "Source quench (flow control)";
    case 5: return "Redirect";
    case 8: return "Echo (ping) request";
    case 9: return "Router advertisement";
    case 10: return "Router solicitation";
    case 11: return "Time-to-live exceeded";
    case 12: return "Parameter problem";
    case 13: return "Timestamp request";
    case 14: return "Timestamp reply";
    case 15: return "Information request";
    case 16: return "Information reply";
    case 17: return "Address mask request";
    case 18: return "Address mask reply";
    default: return "";
  }
}

std::string_view icmp_code_name(std::uint8_t type, std::uint8_t code) {
  if (type == icmp_type::kUnreachable) {
    static constexpr std::string_view kUnreach[] = {
        "Network unreachable", "Host unreachable", "Protocol unreachable", "Port unreachable",
        "Fragmentation needed", "Source route failed", "Destination network unknown",
        "Destination host unknown", "Source host isolated", "Network administratively prohibited",
        "Host administratively prohibited", "Network unreachable for TOS", "Host unreachable for TOS",
        "Communication administratively filtered", "Host precedence violation", "Precedence cutoff in effect"};
    return code < std::size(kUnreach) ? kUnreach[code] : std::string_view{};
  }
  if (type == icmp_type::kTimeExceeded) {
    if (code == 0) return "Time to live exceeded in transit";
    if (code == 1) return "Fragment reassembly time exceeded";
  }
  if (type == icmp_type::kRedirect) {
    static constexpr std::string_view kRedir[] = {"Redirect for network", "Redirect for host",
                                                  "Redirect for TOS and network", "Redirect for TOS and host"};
    return code < std::size(kRedir) ? kRedir[code] : std::string_view{};
  }
  return {};
}

std::string_view icmpv6_type_name(std::uint8_t type) {
  switch (type) {
    case 1: return "Destination Unreachable";
    case 2: return "Packet Too Big";
    case 3: return "Time Exceeded";
    case 4: return "Parameter Problem";
    case 128: return "Echo (ping) request";
    case 129: return "Echo (ping) reply";
    case 130: return "Multicast Listener Query";
    case 131: return "Multicast Listener Report";
    case 132: return "Multicast Listener Done";
    case 133: return "Router Solicitation";
    case 134: return "Router Advertisement";
    case 135: return "Neighbor Solicitation";
    case 136: return "Neighbor Advertisement";
    case 137: return "Redirect";
    case 143: return "Multicast Listener Report Message v2";
    default: return "";
  }
}

}  // namespace wirelab::decode
