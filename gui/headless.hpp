// `wirelab` without a display: say so, then print what the window would have shown through the
// CLI's own commands (the same code as `wirelab-cli`), instead of failing to open a window.
//   wirelab FILE  ->  wirelab-cli -r FILE
//   wirelab       ->  wirelab-cli run echo --model epoll-lt (the default scenario)
#pragma once

namespace wirelab::gui {

// True when no display is reachable and no Qt platform was chosen explicitly.
bool no_display_available();
// Runs the headless view for `file` (nullptr: the default scenario); returns the exit status.
int run_headless(const char* file);

}  // namespace wirelab::gui
