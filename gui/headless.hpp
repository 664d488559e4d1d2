// `wirelab` without a display: say so, then print what the window would have shown through the
// CLI's own commands (the same code as `wirelab-cli`), instead of failing to open a window.
//   wirelab FILE                              ->  wirelab-cli -r FILE
//   wirelab                                   ->  wirelab-cli run echo --model epoll-lt
//   wirelab --scenario S [--model M] [--clients N]  ->  wirelab-cli run S --model M --clients N
// --help prints this; the window-only options (--select, --grab, --dock, ...) have nothing to
// act on and are named as ignored.
#pragma once

namespace wirelab::gui {

// True when no display is reachable and no Qt platform was chosen explicitly.
bool no_display_available();
// Runs the headless view for the app's command line; returns the exit status (2: bad usage).
int run_headless(int argc, char** argv);

}  // namespace wirelab::gui
