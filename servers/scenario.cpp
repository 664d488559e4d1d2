#include "servers/scenario.hpp"

#include <charconv>

namespace wirelab::servers {

std::string ScenarioOptions::text(std::string_view key, std::string fallback) const {
  const auto it = extra.find(key);
  return it == extra.end() ? fallback : it->second;
}

std::optional<long long> ScenarioOptions::number(std::string_view key, long long fallback, std::string* error) const {
  const auto it = extra.find(key);
  if (it == extra.end()) return fallback;
  long long v = 0;
  const std::string& s = it->second;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) {
    if (error) *error = "--" + std::string(key) + " takes a whole number, not \"" + s + "\"";
    return std::nullopt;
  }
  return v;
}

ScenarioContext::ScenarioContext(const ScenarioOptions& options, int clients, Journal& journal,
                                 StartCapture start_capture)
    : options_(&options),
      clients_(clients),
      journal_(&journal),
      start_capture_(std::move(start_capture)),
      deadline_(std::chrono::steady_clock::now() + options.time_limit) {}

std::optional<Error> ScenarioContext::start_capture(const std::string& bpf) {
  if (capture_started_) return Error{"internal: start_capture called twice (filter \"" + bpf + "\")"};
  filter_ = bpf;
  if (start_capture_)
    if (auto err = start_capture_(bpf)) return err;
  capture_started_ = true;
  return std::nullopt;
}

std::chrono::milliseconds ScenarioContext::remaining() const {
  if (stop_requested()) return std::chrono::milliseconds{0};
  const auto left = deadline_ - std::chrono::steady_clock::now();
  return left.count() > 0 ? std::chrono::duration_cast<std::chrono::milliseconds>(left) : std::chrono::milliseconds{0};
}

void ScenarioContext::finding(std::string text) { findings_.push_back(std::move(text)); }

}  // namespace wirelab::servers
