package ui

import (
	"io"
	"strings"

	"github.com/charmbracelet/glamour"

	"khatt/model"
	"khatt/timeline"
	"khatt/ui/rtl"
)

// WriteBrief renders the briefing for a terminal: glamour, then the same
// bidi step as the reader, line by line, so that it reads right in xterm and
// mlterm alike. style is dark, light or notty.
func WriteBrief(w io.Writer, tl *model.Timeline, events []model.Event, l Labels, width int, style string, mode rtl.Mode) error {
	var lay rtl.Layouter
	var md strings.Builder
	wrap := func(t string) []string { return lay.Wrap(t, width-12) }
	if err := timeline.WriteBrief(&md, tl, events, l, wrap); err != nil {
		return err
	}
	// The <div dir="rtl"> wrapper is for Markdown viewers; here the bidi
	// step does its work.
	text := strings.NewReplacer("<div dir=\"rtl\" lang=\"ar\">\n", "", "</div>\n", "").Replace(md.String())
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width-4), glamour.WithPreservedNewLines())
	if err != nil {
		return err
	}
	out, err := r.Render(text)
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		for _, l := range lay.ANSILine(line, width, mode) {
			b.WriteString(strings.TrimRight(l, " "))
			b.WriteString("\n")
		}
	}
	_, err = io.WriteString(w, b.String())
	return err
}
