// Helpers for tests that read ../shared/corpus: its location, and tab-separated files.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace wirelab::test {

inline std::filesystem::path corpus_dir() { return WIRELAB_CORPUS_DIR; }
inline std::filesystem::path source_dir() { return WIRELAB_SOURCE_DIR; }

std::vector<std::string> split(const std::string& s, char sep);
std::vector<std::vector<std::string>> read_tsv(const std::filesystem::path& p);
std::string read_text(const std::filesystem::path& p);

// Runs a command through the shell; returns its exit status and fills `out` with stdout.
int run_command(const std::string& cmd, std::string& out);

}  // namespace wirelab::test
