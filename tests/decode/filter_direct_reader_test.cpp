// A display filter reads the fields of typical filters (ip.dst, tcp.port, tcp.flags.syn,
// tcp.stream, ...) with a DirectReader instead of the registry's extractor. Both must give
// the same values on every layer of every corpus capture, or `-Y` and `-e` would disagree.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"
#include "decode/filter/direct_reader.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;
using decode::FieldDef;
using decode::FieldRegistry;
using decode::filter::direct_reader;
using decode::filter::DirectReader;

struct Counts {
  std::uint64_t layers = 0, values = 0, with_ip_options = 0;
};

// Compares reader and extractor on every layer of `def`'s protocol in one packet.
void compare_layers(const FieldDef& def, DirectReader read, const decode::FieldContext& ctx, const std::string& where,
                    decode::FieldValues& scratch, Counts& counts) {
  for (const decode::Layer& l : ctx.packet.layers) {
    if (l.proto != def.proto) continue;
    scratch.clear();
    def.extract(ctx, l, scratch);
    std::uint64_t v[2] = {~0ull, ~0ull};
    const int n = read(ctx, l, v);
    ++counts.layers;
    const auto b = ctx.packet.bytes_of(l);
    if (l.proto == decode::Proto::Ipv4 && b.size() >= 20 && (static_cast<unsigned>(b[0]) & 0x0fu) > 5)
      ++counts.with_ip_options;
    ASSERT_GE(n, 0) << def.name << " " << where;
    ASSERT_EQ(static_cast<std::size_t>(n), scratch.size()) << def.name << " " << where;
    for (std::size_t i = 0; i < scratch.size(); ++i) EXPECT_EQ(v[i], scratch[i].u) << def.name << " " << where;
    counts.values += static_cast<std::uint64_t>(n);
  }
}

TEST(FilterDirectReader, GivesTheExtractorsValuesOnEveryCorpusLayer) {
  std::vector<std::pair<const FieldDef*, DirectReader>> fields;
  for (const FieldDef& def : FieldRegistry::instance().all())
    if (const DirectReader r = direct_reader(def)) fields.emplace_back(&def, r);
  ASSERT_GE(fields.size(), 30u);  // the fields of typical filters at least

  std::map<std::string, Counts> counts;
  decode::FieldValues scratch;
  std::size_t captures = 0;
  for (const auto& e : fs::directory_iterator(test::corpus_dir() / "pcaps")) {
    auto stream = capture::PacketStream::open(e.path().string());
    if (!stream) continue;
    ++captures;
    while (stream->next()) {
      const std::string where = e.path().filename().string() + " frame " + std::to_string(stream->packet().number);
      for (const auto& [def, read] : fields) {
        compare_layers(*def, read, stream->context(), where, scratch, counts[std::string(def->name)]);
        if (HasFatalFailure()) return;
      }
    }
  }
  EXPECT_GE(captures, 100u);
  // Every reader met real layers, IPv4 headers with options among them.
  for (const auto& [def, read] : fields) EXPECT_GT(counts[std::string(def->name)].values, 0u) << def->name;
  EXPECT_GT(counts["ip.dst"].with_ip_options, 0u);
}

// Filters find a protocol's layer by its place in packets the dissector's fast path decoded:
// the place must hold the protocol's only layer, and an absent protocol must be absent.
TEST(FilterDirectReader, OnlyLayerAgreesWithAScanOfTheLayers) {
  std::uint64_t known_packets = 0;
  for (const auto& e : fs::directory_iterator(test::corpus_dir() / "pcaps")) {
    auto stream = capture::PacketStream::open(e.path().string());
    if (!stream) continue;
    while (stream->next()) {
      const decode::Packet& p = stream->packet();
      bool known = false;
      p.layers.only_layer(decode::Proto::Frame, known);
      if (!known) continue;
      ++known_packets;
      for (unsigned i = 0; i < static_cast<unsigned>(decode::Proto::kCount); ++i) {
        const auto proto = static_cast<decode::Proto>(i);
        std::size_t count = 0;
        for (const decode::Layer& l : p.layers) count += l.proto == proto;
        const decode::Layer* only = p.layers.only_layer(proto, known);
        ASSERT_LE(count, 1u) << e.path().filename() << " frame " << p.number;
        ASSERT_EQ(only, p.find(proto)) << e.path().filename() << " frame " << p.number << " proto " << i;
      }
    }
  }
  EXPECT_GT(known_packets, 500u);  // 918 in the corpus today
}

}  // namespace
}  // namespace wirelab
