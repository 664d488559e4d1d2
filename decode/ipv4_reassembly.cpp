#include "decode/ipv4_reassembly.hpp"

#include <algorithm>
#include <cstring>

namespace wirelab::decode {

void Ipv4Reassembler::drop(std::size_t i) {
  bytes_held_ -= pending_[i].data.size();
  pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(i));
}

void Ipv4Reassembler::expire(std::int64_t now_ns) {
  for (std::size_t i = pending_.size(); i-- > 0;)
    if (now_ns - pending_[i].first_ts_ns > limits_.max_age_ns) drop(i);
}

void Ipv4Reassembler::insert_range(std::vector<Range>& have, Range r) {
  auto it = std::lower_bound(have.begin(), have.end(), r, [](const Range& a, const Range& b) { return a.begin < b.begin; });
  it = have.insert(it, r);
  // Merge with neighbours that touch or overlap.
  if (it != have.begin() && std::prev(it)->end >= it->begin) {
    auto prev = std::prev(it);
    prev->end = std::max(prev->end, it->end);
    it = std::prev(have.erase(it));
  }
  while (std::next(it) != have.end() && std::next(it)->begin <= it->end) {
    it->end = std::max(it->end, std::next(it)->end);
    have.erase(std::next(it));
  }
}

bool Ipv4Reassembler::complete(const Pending& p) {
  return p.total >= 0 && p.have.size() == 1 && p.have[0].begin == 0 &&
         p.have[0].end >= static_cast<std::uint32_t>(p.total);
}

bool Ipv4Reassembler::add(const Fragment& f, std::vector<std::byte>& out) {
  expire(f.ts_ns);
  const std::uint64_t end = static_cast<std::uint64_t>(f.offset) + f.payload.size();
  const auto found = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.key == f.key; });
  std::size_t idx = static_cast<std::size_t>(found - pending_.begin());
  if (end > kMaxPayload) {
    if (idx < pending_.size()) drop(idx);
    return false;
  }
  if (idx == pending_.size()) {
    while (!pending_.empty() && pending_.size() >= limits_.max_datagrams) drop(0);
    pending_.push_back(Pending{.key = f.key, .first_ts_ns = f.ts_ns});
    idx = pending_.size() - 1;
  }
  if (end > pending_[idx].data.size()) {
    // Make room, evicting the oldest other datagrams if the byte budget would be exceeded.
    const std::size_t grow = static_cast<std::size_t>(end) - pending_[idx].data.size();
    while (bytes_held_ + grow > limits_.max_bytes && pending_.size() > 1) {
      const std::size_t victim = idx == 0 ? 1 : 0;
      drop(victim);
      if (victim < idx) --idx;
    }
    if (bytes_held_ + grow > limits_.max_bytes) {
      drop(idx);
      return false;
    }
    pending_[idx].data.resize(static_cast<std::size_t>(end));
    bytes_held_ += grow;
  }
  Pending& p = pending_[idx];
  if (!f.more) p.total = static_cast<std::int64_t>(end);
  if (!f.payload.empty()) {
    std::memcpy(p.data.data() + f.offset, f.payload.data(), f.payload.size());
    insert_range(p.have, Range{f.offset, static_cast<std::uint32_t>(end)});
  }
  if (!complete(p)) return false;
  out.assign(p.data.begin(), p.data.begin() + static_cast<std::ptrdiff_t>(p.total));
  drop(idx);
  return true;
}

}  // namespace wirelab::decode
