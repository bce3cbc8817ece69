package ui

import (
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Colour: how many colours to draw with, and on what background. Both are
// decided once, before the first frame, without asking the terminal again:
// lipgloss would otherwise ask for the background itself and wait up to 5 s
// for a terminal that never answers.

// ColorProfile is the profile to draw with, from the one termenv detected
// from TERM and COLORTERM. NO_COLOR keeps attributes (bold, underline,
// reverse video) and drops colours: the styles then use no colour at all,
// so the profile only has to let attributes through. termenv takes any TERM
// it does not know, mlterm's among them, for a terminal without colour or
// attributes; every terminal an analyst uses has at least 16 colours, and
// mlterm has 256.
func ColorProfile(env func(string) string, detected termenv.Profile) termenv.Profile {
	term := env("TERM")
	switch {
	case env("NO_COLOR") != "":
		return termenv.ANSI
	case detected != termenv.Ascii:
		return detected
	case strings.HasPrefix(term, "mlterm") || env("MLTERM") != "":
		return termenv.ANSI256
	case term == "" || term == "dumb":
		return termenv.Ascii
	}
	return termenv.ANSI
}

// DarkBackground says whether the terminal's background is dark: from
// KHATT_THEME (dark or light), else the terminal's answer to the OSC 11
// query, else COLORFGBG ("15;0" is light text on a dark background), else
// dark.
func DarkBackground(env func(string) string, p Probe) bool {
	switch env("KHATT_THEME") {
	case "light":
		return false
	case "dark":
		return true
	}
	switch p.Background {
	case "light":
		return false
	case "dark":
		return true
	}
	if fgbg := env("COLORFGBG"); fgbg != "" {
		parts := strings.Split(fgbg, ";")
		bg := parts[len(parts)-1]
		return bg == "0" || bg == "8" || (len(bg) == 1 && bg >= "0" && bg <= "6")
	}
	return true
}

// NewRenderer makes the renderer for a terminal on w, its profile and
// background settled (see ColorProfile and DarkBackground) so that
// lipgloss never queries the terminal itself.
func NewRenderer(w io.Writer, env func(string) string, p Probe, opts ...termenv.OutputOption) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(w, opts...)
	r.SetColorProfile(ColorProfile(env, r.Output().EnvColorProfile()))
	r.SetHasDarkBackground(DarkBackground(env, p))
	return r
}

// MarkdownStyle is the event pane's and the briefing's style name for a
// renderer: dark or light, or mono when NO_COLOR is set.
func MarkdownStyle(r *lipgloss.Renderer, noColor bool) string {
	switch {
	case noColor:
		return "mono"
	case r.HasDarkBackground():
		return "dark"
	}
	return "light"
}
