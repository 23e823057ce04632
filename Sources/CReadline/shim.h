// GNU readline for Swift. Swift 6 rejects direct access to mutable C globals,
// so the few readline variables LineEditing needs are wrapped in accessors.
#ifndef CBSH_CREADLINE_SHIM_H
#define CBSH_CREADLINE_SHIM_H

#include <stdio.h>  // readline.h uses FILE without including it.
#include <readline/readline.h>
#include <readline/history.h>

// Set once, before the first line is read.

static inline void cbsh_rl_set_readline_name(const char *name) {
  rl_readline_name = name;  // Not copied: pass storage that lives forever.
}

// Characters that separate words for completion (both the basic and the
// completer list). Not copied: pass storage that lives forever.
static inline void cbsh_rl_set_word_break_characters(const char *chars) {
  rl_basic_word_break_characters = chars;
  rl_completer_word_break_characters = chars;
}

static inline void cbsh_rl_set_attempted_completion_function(rl_completion_func_t *f) {
  rl_attempted_completion_function = f;
}

// 0 keeps readline from exporting LINES and COLUMNS into the environment.
static inline void cbsh_rl_set_change_environment(int value) {
  rl_change_environment = value;
}

// Nonzero: readline installs its signal handlers (SIGINT, SIGTSTP, SIGWINCH,
// ...) when it starts a line and catches signals until the line ends.
static inline void cbsh_rl_set_catch_signals(int value) { rl_catch_signals = value; }

// The function readline calls to read one character.
static inline void cbsh_rl_set_getc_function(rl_getc_func_t *f) { rl_getc_function = f; }

// Nonzero: with the callback interface, keep readline's signal handlers
// installed for the whole line, not only inside rl_callback_read_char.
static inline void cbsh_rl_set_persistent_signal_handlers(int value) {
  rl_persistent_signal_handlers = value;
}

// Set from inside the attempted-completion function.

// Nonzero: no filename completion when the application finds no matches.
static inline void cbsh_rl_set_attempted_completion_over(int value) {
  rl_attempted_completion_over = value;
}

// Nonzero: do not append rl_completion_append_character (a space by
// default) after a single match.
static inline void cbsh_rl_set_completion_suppress_append(int value) {
  rl_completion_suppress_append = value;
}

// Read-only views.

static inline const char *cbsh_rl_line_buffer(void) { return rl_line_buffer; }

static inline int cbsh_history_length(void) { return history_length; }

#endif
