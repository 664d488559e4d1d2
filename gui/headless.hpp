// `wirelab` without a display: say so, then print what the window would have shown, through
// the same library code the CLI uses, instead of failing to open a window.
#pragma once
#include <cstdio>
#include <string>

namespace wirelab::gui {

// True when no display is reachable and no Qt platform was chosen explicitly.
bool no_display_available();
// Prints the headless view of `path` to `out`; returns the process exit status.
int print_headless(const std::string& path, std::FILE* out);

}  // namespace wirelab::gui
