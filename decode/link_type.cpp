#include "decode/link_type.hpp"

#include <array>
#include <utility>

namespace wirelab::decode {
namespace {

constexpr std::array<std::pair<LinkType, std::string_view>, 8> kLinkNames{{
    {LinkType::Null, "NULL"},
    {LinkType::Ethernet, "EN10MB"},
    {LinkType::Raw, "RAW"},
    {LinkType::Loop, "LOOP"},
    {LinkType::LinuxSll, "LINUX_SLL"},
    {LinkType::Ipv4, "IPV4"},
    {LinkType::Ipv6, "IPV6"},
    {LinkType::LinuxSll2, "LINUX_SLL2"},
}};

}  // namespace

bool is_supported(LinkType t) {
  for (const auto& [k, name] : kLinkNames)
    if (k == t) return true;
  return false;
}

std::string_view link_type_name(LinkType t) {
  for (const auto& [k, name] : kLinkNames)
    if (k == t) return name;
  return "unsupported";
}

std::string link_type_describe(std::uint32_t value) {
  const auto t = static_cast<LinkType>(value);
  if (is_supported(t)) return std::string(link_type_name(t)) + " (" + std::to_string(value) + ")";
  return "link type " + std::to_string(value) + " (not decoded by wirelab)";
}

}  // namespace wirelab::decode
