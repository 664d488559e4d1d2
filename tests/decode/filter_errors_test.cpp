// Every message a malformed display filter can get: what is wrong, and the exact character
// the caret points at. Wording follows tshark 4.0 where tshark has one.
#include <gtest/gtest.h>

#include "decode/filter/filter.hpp"

namespace wirelab::decode::filter {
namespace {

struct Expected {
  std::string message;
  std::size_t position;
  std::size_t length;
};

Expected error_of(std::string_view text) {
  auto f = compile(text);
  if (f) return {"(compiled)", 0, 0};
  return {f.error().message, f.error().position, f.error().length};
}

#define EXPECT_FILTER_ERROR(text, msg, pos, len)   \
  do {                                             \
    const Expected e = error_of(text);             \
    EXPECT_EQ(e.message, msg) << (text);           \
    EXPECT_EQ(e.position, pos) << (text);          \
    EXPECT_EQ(e.length, len) << (text);            \
  } while (0)

TEST(FilterErrors, UnknownFieldNamesTheNearestKnownOne) {
  EXPECT_FILTER_ERROR("tcp.prot == 1", "\"tcp.prot\" is neither a field nor a protocol name. Did you mean \"tcp.port\"?",
                      0, 8);
  EXPECT_FILTER_ERROR("tcp.flag.syn == 1",
                      "\"tcp.flag.syn\" is neither a field nor a protocol name. Did you mean \"tcp.flags.syn\"?", 0, 12);
  EXPECT_FILTER_ERROR("tcp and ip.sr == 1.2.3.4",
                      "\"ip.sr\" is neither a field nor a protocol name. Did you mean \"ip.src\"?", 8, 5);
  EXPECT_FILTER_ERROR("udpp", "\"udpp\" is neither a field nor a protocol name. Did you mean \"udp\"?", 0, 4);
  // Nothing close: no suggestion.
  EXPECT_FILTER_ERROR("zzzzzzzzzzzz", "\"zzzzzzzzzzzz\" is neither a field nor a protocol name.", 0, 12);
  EXPECT_EQ(nearest_field_name("ip.dts"), "ip.dst");
  EXPECT_EQ(nearest_field_name("qqqqqqqqqqqqqq"), "");
}

TEST(FilterErrors, LiteralsThatAreNotFieldsOrValues) {
  EXPECT_FILTER_ERROR("80", "80 is neither a field nor a protocol name.", 0, 2);
  EXPECT_FILTER_ERROR("\"abc\"", "\"abc\" is neither a field nor a protocol name.", 0, 5);
  EXPECT_FILTER_ERROR("80 == tcp.port", "Left side of \"==\" expression must be a field or function, not 80.", 0, 2);
  EXPECT_FILTER_ERROR("10.0.0.1 eq ip.src",
                      "Left side of \"==\" expression must be a field or function, not 10.0.0.1.", 0, 8);
}

TEST(FilterErrors, BadLiteralsPointAtTheLiteral) {
  EXPECT_FILTER_ERROR("ip.addr == 300.1.1.1", "\"300.1.1.1\" is not a valid hostname or IPv4 address.", 11, 9);
  EXPECT_FILTER_ERROR("ip.src == 1.2.3", "\"1.2.3\" is not a valid hostname or IPv4 address.", 10, 5);
  EXPECT_FILTER_ERROR("ip.src == 10.0.0.0/33", "Netmask bits in a CIDR IPv4 address should be <= 32, not 33", 10, 11);
  EXPECT_FILTER_ERROR("ip.src == \"10.0.2.15\"",
                      "IPv4 address cannot be converted from a string (\"10.0.2.15\").", 10, 11);
  EXPECT_FILTER_ERROR("tcp.port == abc", "\"abc\" is not a valid number.", 12, 3);
  EXPECT_FILTER_ERROR("tcp.len == 13.0", "\"13.0\" is not a valid number.", 11, 4);
  EXPECT_FILTER_ERROR("tcp.port == \"80\"", "Unsigned integer cannot be converted from a string (\"80\").", 12, 4);
  EXPECT_FILTER_ERROR("tcp.flags == 0x10000", "\"0x10000\" too big for this field, maximum 65535.", 13, 7);
  EXPECT_FILTER_ERROR("eth.src == 00:11", "\"00:11\" contains too few bytes to be a valid Ethernet address.", 11, 5);
  EXPECT_FILTER_ERROR("eth.src == 00:11:22:33:44:55:66",
                      "\"00:11:22:33:44:55:66\" contains too many bytes to be a valid Ethernet address.", 11, 20);
  EXPECT_FILTER_ERROR("eth.src == zz:11:22:33:44:55", "\"zz:11:22:33:44:55\" is not a valid Ethernet address.", 11, 17);
  EXPECT_FILTER_ERROR("frame contains 0g", "\"0g\" is not a valid byte string.", 15, 2);
  EXPECT_FILTER_ERROR("tcp.flags.syn == true",
                      "\"true\" cannot be found among the possible values for tcp.flags.syn.", 17, 4);
  EXPECT_FILTER_ERROR("frame.time_delta > x1", "\"x1\" is not a valid time in seconds.", 19, 2);
}

TEST(FilterErrors, UnbalancedParenthesesAndBraces) {
  EXPECT_FILTER_ERROR("(tcp", "Unexpected end of filter expression: the \"(\" here is never closed.", 0, 1);
  EXPECT_FILTER_ERROR("tcp and ((udp or ip)", "Unexpected end of filter expression: the \"(\" here is never closed.", 8,
                      1);
  EXPECT_FILTER_ERROR("tcp.port == 80)", "\")\" was unexpected in this context.", 14, 1);
  EXPECT_FILTER_ERROR("()", "\")\" was unexpected in this context.", 1, 1);
  EXPECT_FILTER_ERROR("tcp.port in {80, 443", "Unexpected end of filter expression: the \"{\" here is never closed.",
                      12, 1);
  EXPECT_FILTER_ERROR("eth.src[0:3 == 00:00:00", "The \"[\" here is never closed by \"]\".", 7, 1);
}

TEST(FilterErrors, MissingOperands) {
  EXPECT_FILTER_ERROR("tcp.port ==", "Unexpected end of filter expression: an operand is missing here.", 11, 1);
  EXPECT_FILTER_ERROR("tcp and", "Unexpected end of filter expression: an operand is missing here.", 7, 1);
  EXPECT_FILTER_ERROR("not", "Unexpected end of filter expression: an operand is missing here.", 3, 1);
  EXPECT_FILTER_ERROR("== 80", "\"==\" was unexpected in this context.", 0, 2);
  EXPECT_FILTER_ERROR("tcp or or udp", "\"or\" was unexpected in this context.", 7, 2);
  EXPECT_FILTER_ERROR("tcp.port == == 1", "\"==\" was unexpected in this context.", 12, 2);
  EXPECT_FILTER_ERROR("tcp.port in {}", "\"}\" was unexpected in this context.", 13, 1);
  EXPECT_FILTER_ERROR("tcp.port in {1..}", "\"}\" was unexpected in this context.", 16, 1);
}

TEST(FilterErrors, SetsNeedCommasAsInTshark40) {
  EXPECT_FILTER_ERROR("tcp.port in {80 443}", "\"443\" was unexpected in this context.", 16, 3);
  EXPECT_TRUE(compile("tcp.port in {80,443}"));
  EXPECT_TRUE(compile("tcp.port in {80, 443, 1000..2000}"));
}

TEST(FilterErrors, OperatorsTheFieldTypeDoesNotAllow) {
  EXPECT_FILTER_ERROR("tcp.port contains 80",
                      "tcp.port (type=Unsigned integer) cannot participate in contains comparison.", 0, 8);
  EXPECT_FILTER_ERROR("ip.src matches \"x\"", "ip.src (type=IPv4 address) cannot participate in matches comparison.",
                      0, 6);
  EXPECT_FILTER_ERROR("tcp.port[0] == 1",
                      "\"tcp.port\" is a Unsigned integer and cannot be sliced into a sequence of bytes.", 0, 8);
  EXPECT_FILTER_ERROR("eth.src[0:3] in {00:00:00}", "Only a field may be tested for membership in a set.", 0, 7);
  EXPECT_FILTER_ERROR("eth.src[x] == 00", "\"[x]\" is not a valid slice (use [i], [i:len], [i-j], [i:] or [:len]).", 7,
                      3);
  EXPECT_FILTER_ERROR("tcp.port == ip.src",
                      "tcp.port and ip.src are not of compatible types (Unsigned integer, IPv4 address).", 12, 6);
}

TEST(FilterErrors, StringsEscapesAndRegexes) {
  EXPECT_FILTER_ERROR("frame contains \"abc", "The final quote was missing from a quoted string.", 19, 1);
  EXPECT_FILTER_ERROR("frame contains \"\\q\"", "\\q is not a valid character escape sequence", 16, 2);
  EXPECT_FILTER_ERROR("tcp.len == 'ab'", "'ab' is not a valid character constant.", 11, 4);
  const Expected regex_error = error_of("frame matches \"(\"");
  EXPECT_EQ(regex_error.message.rfind("Regex compilation error: ", 0), 0u) << regex_error.message;
  EXPECT_EQ(regex_error.position, 14u);
  EXPECT_FILTER_ERROR("tcp @ 1", "\"@\" was unexpected in this context.", 4, 1);
  EXPECT_FILTER_ERROR("tcp.len==13 AND tcp", "\"AND\" was unexpected in this context.", 12, 3);
}

TEST(FilterErrors, CaretIsRenderedUnderTheOffendingToken) {
  auto f = compile("ip.addr == 300.1.1.1");
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().render("ip.addr == 300.1.1.1"),
            "\"300.1.1.1\" is not a valid hostname or IPv4 address.\n"
            "    ip.addr == 300.1.1.1\n"
            "               ^~~~~~~~~");
  auto g = compile("tcp and");
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().render("tcp and"),
            "Unexpected end of filter expression: an operand is missing here.\n"
            "    tcp and\n"
            "           ^");
}

TEST(FilterErrors, DeepNestingIsRefusedNotACrash) {
  const std::string deep = std::string(100000, '(') + "tcp" + std::string(100000, ')');
  EXPECT_EQ(error_of(deep).message, "The filter is nested too deeply (more than 200 levels).");
  const std::string nots(100000, '!');
  EXPECT_FALSE(compile(nots + "tcp"));
  // Long flat chains are fine: they do not nest.
  std::string chain = "tcp";
  for (int i = 0; i < 20000; ++i) chain += " or tcp";
  EXPECT_TRUE(compile(chain));
}

TEST(FilterErrors, BlankFilterMatchesEverything) {
  auto f = compile("   ");
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->empty());
}

TEST(FilterCompletion, FieldNamesByPrefixFromTheRegistry) {
  const auto names = complete_field_names("tcp.flags.");
  EXPECT_NE(std::find(names.begin(), names.end(), "tcp.flags.syn"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "tcp.flags.ack"), names.end());
  for (auto n : names) EXPECT_EQ(n.substr(0, 10), "tcp.flags.");
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(complete_field_names("ip.s"), (std::vector<std::string_view>{"ip.src"}));
  EXPECT_TRUE(complete_field_names("nonexistent").empty());
  EXPECT_EQ(complete_field_names("", 5).size(), 5u);
}

}  // namespace
}  // namespace wirelab::decode::filter
