// A display filter that does not compile: what is wrong, and where in the text.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace wirelab::decode::filter {

struct FilterError {
  std::string message;      // one sentence, like tshark's ("\"300.1.1.1\" is not a valid ...")
  std::size_t position = 0; // byte offset of the offending token in the filter text
  std::size_t length = 1;   // its length (at least 1), for the ^~~~ underline

  // tshark's three-line rendering:
  //   MESSAGE
  //       FILTER TEXT
  //       ^~~~  (under the offending token)
  std::string render(std::string_view filter_text) const;
};

}  // namespace wirelab::decode::filter
