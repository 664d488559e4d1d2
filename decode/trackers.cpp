#include "decode/trackers.hpp"

namespace wirelab::decode {

struct Trackers::State {};

Trackers::Trackers() : state_(std::make_unique<State>()) {}
Trackers::~Trackers() = default;
Trackers::Trackers(Trackers&&) noexcept = default;
Trackers& Trackers::operator=(Trackers&&) noexcept = default;

void Trackers::feed(const Packet&, PacketAnnotations& out) { out = PacketAnnotations{}; }

}  // namespace wirelab::decode
