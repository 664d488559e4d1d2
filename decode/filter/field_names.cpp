// Field-name help for users: completion by prefix and "did you mean" by edit distance.
#include <algorithm>

#include "decode/filter/filter.hpp"

namespace wirelab::decode::filter {
namespace {

// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
// neighbours ("tcp.prot" -> "tcp.port" is 1) each cost 1.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[b.size()];
}

}  // namespace

std::vector<std::string_view> complete_field_names(std::string_view prefix, std::size_t limit) {
  std::vector<std::string_view> out;
  for (const FieldDef& f : FieldRegistry::instance().all())
    if (f.name.substr(0, prefix.size()) == prefix) out.push_back(f.name);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::string_view nearest_field_name(std::string_view unknown) {
  if (unknown.size() > 100) return {};  // nobody types that; keep the search cheap
  std::string_view best;
  std::size_t best_distance = SIZE_MAX;
  for (const FieldDef& f : FieldRegistry::instance().all()) {
    const std::size_t d = edit_distance(unknown, f.name);
    if (d < best_distance) {
      best_distance = d;
      best = f.name;
    }
  }
  // Close enough to be a typo: at most 2 edits, or a third of the name.
  const std::size_t allowed = std::max<std::size_t>(2, unknown.size() / 3);
  return best_distance <= allowed ? best : std::string_view();
}

}  // namespace wirelab::decode::filter
