package ui

import (
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"khatt/model"
	"khatt/timeline"
	"khatt/ui/rtl"
)

// WriteBrief renders the briefing for a terminal: the Markdown drawn with
// the reader's styles (markdown.go), then the same
// bidi step as the reader, line by line, so that it reads right in xterm and
// mlterm alike. style is dark, light, mono or notty; r is the terminal's
// renderer (nil: lipgloss's default).
func WriteBrief(w io.Writer, tl *model.Timeline, events []model.Event, l Labels, filters []string, width int, style string, mode rtl.Mode, r *lipgloss.Renderer) error {
	var lay rtl.Layouter
	var md strings.Builder
	wrap := func(t string) []string { return lay.Wrap(t, width-12) }
	if err := timeline.WriteBrief(&md, tl, events, l, wrap, filters); err != nil {
		return err
	}
	// The <div dir="rtl"> wrapper is for Markdown viewers; here the bidi
	// step does its work.
	text := strings.NewReplacer("<div dir=\"rtl\" lang=\"ar\">\n", "", "</div>\n", "").Replace(md.String())
	dir := rtl.LTR
	if l.RTL {
		dir = rtl.RTL
	}
	st := newMDStyles(r, style)
	if !mode.Reorder && !mode.Embed {
		// A terminal that reorders by itself may take a line that starts
		// with a box-drawing character for a left-to-right one (mlterm).
		st.quoteBar = "¦ "
	}
	lines := renderMarkdown(text, width-4, st, dir)
	var b strings.Builder
	for _, line := range lines {
		for _, l := range lay.ANSILine(line.text, width, line.dir, mode) {
			b.WriteString(strings.TrimRight(l, " "))
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
