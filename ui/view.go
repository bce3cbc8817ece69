package ui

import (
	"encoding/base64"
	"fmt"
	"github.com/charmbracelet/bubbles/key"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"khatt/safe"
	"khatt/ui/rtl"
)

// syncKeys enables the bindings that make sense now; the others leave the
// help bar.
func (m *Model) syncKeys() {
	m.keys.NextMatch.SetEnabled(m.s.query != "")
	m.keys.PrevMatch.SetEnabled(m.s.query != "")
	many := false
	if e := m.s.event(); e != nil {
		many = len(e.Mentions) > 1
	}
	m.keys.NextMention.SetEnabled(many)
	m.keys.PrevMention.SetEnabled(many)
	m.keys.Reload.SetEnabled(m.opts.Reload != nil)
}

// View draws the screen.
func (m *Model) View() string {
	if m.width == 0 {
		return ""
	}
	m.syncKeys()
	if m.layout.TooSmall {
		return m.s.draw.line(dimSpan(m.s.labels.TooSmall), m.width, m.s.dir(), false)
	}
	var body string
	switch {
	case m.help:
		lines, more := m.helpLines()
		title := m.s.labels.HelpTitle
		if more {
			title += " ↑↓"
		}
		body = m.overlay(title, lines)
	case m.problems:
		body = m.overlay(m.s.labels.Problems, m.problemLines())
	default:
		boxes := make([]string, 0, 3)
		for _, p := range m.layout.Panes {
			boxes = append(boxes, m.box(p))
		}
		body = lipgloss.JoinHorizontal(lipgloss.Top, boxes...)
	}
	status := m.statusLine()
	if m.clip != "" {
		// OSC 52 sets the clipboard (tmux: set-clipboard on); it takes no
		// cell, and riding in the frame it cannot split a frame in two.
		status = osc52(m.clip) + status
		m.clip = ""
	}
	return body + "\n" + status + "\n" + m.bottomLine()
}

// box draws a pane in its frame, the title at the reading start of the top
// border.
func (m *Model) box(p PaneID) string {
	r := m.layout.Rects[p]
	var lines []string
	title := ""
	switch p {
	case TimelinePane:
		lines, title = m.timeline.View(), m.s.labels.Timeline
	case EventPane:
		lines, title = m.event.View(), m.s.labels.Event
	case SourcePane:
		lines, title = m.source.View(), m.s.labels.Source
		if src := m.source.source(); src != nil {
			title += " · " + shortID(src.ID)
			if src.Outlet != "" {
				title += " · " + src.Outlet
			}
		}
	}
	return m.frame(title, lines, r.W, r.H, p == m.focus)
}

// frame draws lines in a rounded border of w × h cells.
func (m *Model) frame(title string, lines []string, w, h int, focused bool) string {
	st := m.s.styles
	border, titleStyle := st.Border, stTitleDim
	if focused {
		border, titleStyle = st.BorderFocus, stTitle
	}
	inner := w - 2
	tw := min(rtl.Width([]rune(title))+2, max(inner-2, 0))
	t := m.s.draw.line([]rtl.Span{{Text: " " + title + " ", Style: titleStyle}}, tw, m.s.dir(), false)
	fill := border.Render(strings.Repeat("─", max(inner-tw-1, 0)))
	var top string
	if m.s.labels.RTL {
		top = border.Render("╭") + fill + t + border.Render("─╮")
	} else {
		top = border.Render("╭─") + t + fill + border.Render("╮")
	}
	var b strings.Builder
	b.WriteString(top)
	v := border.Render("│")
	for i := 0; i < h-2; i++ {
		b.WriteString("\n")
		line := blank(inner)
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteString(v + line + v)
	}
	b.WriteString("\n" + border.Render("╰"+strings.Repeat("─", max(inner, 0))+"╯"))
	return b.String()
}

// overlay draws a full-width box over the panes.
func (m *Model) overlay(title string, content []string) string {
	h := m.height - 2
	return m.frame(title, content, m.width, h, true)
}

// helpEntry is one line of the help overlay: a key and what it does ("" for
// the gap between groups).
type helpEntry struct{ key, desc string }

func (m *Model) helpEntries() []helpEntry {
	var out []helpEntry
	for _, col := range m.keys.FullHelp() {
		for _, b := range col {
			// Every key, also those that do nothing at the moment (n
			// without a search); reload only where there is one (serve).
			if len(b.Keys()) > 0 && (b.Help().Key != "r" || m.opts.Reload != nil) {
				h := b.Help()
				out = append(out, helpEntry{h.Key, h.Desc})
			}
		}
		out = append(out, helpEntry{})
	}
	l := m.s.labels.Keys
	return append(out, helpEntry{"wheel", l["wheel"]}, helpEntry{"click", l["click"]}, helpEntry{},
		helpEntry{"ت=j ن=k", l["arabic layout"]})
}

// helpLines lays the overlay's entries out in as many columns as the width
// holds (the first column on the reading side), scrolled to m.helpTop when
// they are still too many for the height (more says so).
func (m *Model) helpLines() (lines []string, more bool) {
	w, h := m.width-2, max(m.height-4, 1)
	entries := m.helpEntries()
	keyW, descW := 0, 0
	for _, e := range entries {
		keyW = max(keyW, rtl.Width([]rune(e.key)))
		descW = max(descW, rtl.Width([]rune(e.desc)))
	}
	colW := keyW + 2 + descW + 4
	cols := max(1, min(w/colW, (len(entries)+h-1)/h))
	rows := (len(entries) + cols - 1) / cols
	pad := func(s string, n int) string { return s + strings.Repeat(" ", max(0, n-rtl.Width([]rune(s)))) }
	var out []string
	for r := 0; r < rows; r++ {
		var spans []rtl.Span
		for c := 0; c < cols; c++ {
			i := c*rows + r
			if i >= len(entries) {
				break
			}
			e := entries[i]
			if c+1 < cols && (c+1)*rows+r < len(entries) {
				e.desc = pad(e.desc, descW+4)
			}
			if e.key == "" {
				spans = append(spans, rtl.Span{Text: pad("", keyW+2) + e.desc, Style: stText})
				continue
			}
			spans = append(spans, keySpan(pad(e.key, keyW)), rtl.Span{Text: "  " + e.desc, Style: stText})
		}
		if len(spans) == 0 {
			out = append(out, blank(w))
			continue
		}
		out = append(out, m.s.draw.line(spans, w, m.s.dir(), false))
	}
	if len(out) > h {
		m.helpTop = max(0, min(m.helpTop, len(out)-h))
		return out[m.helpTop : m.helpTop+h], true
	}
	m.helpTop = 0
	return out, false
}

func (m *Model) problemLines() []string {
	w := m.width - 2
	if len(m.s.tl.Problems) == 0 {
		return []string{m.s.draw.line(dimSpan(m.s.labels.NoProblems), w, m.s.dir(), false)}
	}
	var out []string
	for _, p := range m.s.tl.Problems {
		out = append(out, m.s.draw.paragraph([]rtl.Span{{Text: p.Error(), Style: stWarn}}, w, rtl.Auto, false)...)
	}
	return out
}

// statusLine: counts, filter chips, the corpus, load problems, the bidi mode.
func (m *Model) statusLine() string {
	l := m.s.labels
	spans := []rtl.Span{
		{Text: l.EventsCount(len(m.s.visible)), Style: stStatus},
		{Text: " · " + l.SourcesCount(len(m.s.tl.Sources)), Style: stStatus},
	}
	if p := m.loading; p != nil {
		spans = []rtl.Span{{Text: l.Loading(p.Phase, p.Done, p.Total, p.Cached, p.Rate, safe.Line(p.Current, 60)), Style: stWarn}}
	}
	for _, c := range Chips(m.s.filter, l) {
		spans = append(spans, rtl.Span{Text: " ", Style: stStatus}, rtl.Span{Text: " " + c + " ", Style: stChip})
	}
	if m.s.query != "" {
		spans = append(spans, rtl.Span{Text: " · ", Style: stMatch}, rtl.Span{Text: "/" + m.s.query, Style: stMatch, Isolate: true},
			rtl.Span{Text: " " + l.Matches(m.matchIndex(), len(m.s.matches)), Style: stMatch})
	}
	if m.opts.Corpus != "" {
		spans = append(spans, rtl.Span{Text: " · ", Style: stStatus}, rtl.Span{Text: m.opts.Corpus, Style: stStatus, Isolate: true})
	}
	if n := len(m.s.tl.Problems); n > 0 {
		spans = append(spans, rtl.Span{Text: fmt.Sprintf(" · %s: %d (p)", l.Problems, n), Style: stWarn})
	}
	spans = append(spans, rtl.Span{Text: " · " + l.Bidi + ": " + m.opts.Bidi.Name(), Style: stDim})
	if m.focus == SourcePane {
		if evs := m.source.eventsAtCursor(); len(evs) > 0 {
			var names []string
			for _, ev := range evs {
				names = append(names, m.s.tl.Events[ev].Summary)
			}
			spans = append(spans, rtl.Span{Text: " · " + l.BelongsTo + ": " + strings.Join(names, " | "), Style: stHeading})
		}
	}
	if m.message != "" {
		spans = append(spans, rtl.Span{Text: " · " + m.message, Style: stWarn})
	} else if m.opts.Bidi.Hint != "" {
		spans = append(spans, rtl.Span{Text: " · " + m.opts.Bidi.Hint, Style: stWarn})
	}
	return m.s.draw.line(spans, m.width, m.s.dir(), false)
}

func (m *Model) matchIndex() int {
	for i, x := range m.s.matches {
		if x == m.s.sel {
			return i + 1
		}
	}
	return 0
}

func spansWidth(spans []rtl.Span) int {
	w := 0
	for _, s := range spans {
		w += rtl.Width([]rune(s.Text))
	}
	return w
}

// keySpan is a key's name as typed: left to right between marks, so that
// in a right-to-left line "]" is not mirrored into "[" nor "shift+tab"
// turned around.
func keySpan(k string) rtl.Span {
	return rtl.Span{Text: "\u200e" + k + "\u200e", Style: stKey}
}

// bottomLine is the help bar, or the search or filter line being typed.
func (m *Model) bottomLine() string {
	l := m.s.labels
	switch m.input {
	case searchInput:
		return m.s.draw.line(m.inputSpans(l.Search, ""), m.width, m.s.dir(), false)
	case filterInput:
		return m.s.draw.line(m.inputSpans(l.Filter, l.FilterHelp), m.width, m.s.dir(), false)
	}
	var bindings []key.Binding
	for _, b := range m.keys.ShortHelp(m.focus) {
		if b.Enabled() {
			bindings = append(bindings, b)
		}
	}
	// When the line is too narrow, the keys before help and quit go first:
	// ? and q are what a new user needs to find the rest and to leave.
	build := func() []rtl.Span {
		var spans []rtl.Span
		for _, b := range bindings {
			if len(spans) > 0 {
				spans = append(spans, rtl.Span{Text: " · ", Style: stDim})
			}
			h := b.Help()
			spans = append(spans, keySpan(h.Key), rtl.Span{Text: " " + h.Desc, Style: stDim})
		}
		return spans
	}
	spans := build()
	for spansWidth(spans) > m.width && len(bindings) > 2 {
		bindings = append(bindings[:len(bindings)-3], bindings[len(bindings)-2:]...)
		spans = build()
	}
	return m.s.draw.line(spans, m.width, m.s.dir(), false)
}

// inputSpans draws a line being typed after its prompt: the text isolated
// in its own direction (Latin filter keys with an Arabic name read as
// typed), the cursor as the reversed cell it stands on, a reversed space
// at the end (U+00A0: a space at the end would move to the paragraph's
// end). An empty line shows help in dim.
func (m *Model) inputSpans(prompt, help string) []rtl.Span {
	spans := []rtl.Span{{Text: prompt + ": ", Style: stKey}}
	if len(m.buf) == 0 && help != "" {
		return append(spans, rtl.Span{Text: "\u00a0", Style: stCursor}, rtl.Span{Text: help, Style: stDim})
	}
	cur := max(0, min(m.cur, len(m.buf)))
	if cur > 0 {
		spans = append(spans, rtl.Span{Text: string(m.buf[:cur]), Style: stText, Isolate: true})
	}
	if cur < len(m.buf) {
		spans = append(spans, rtl.Span{Text: string(m.buf[cur]), Style: stCursor, Isolate: true})
		if cur+1 < len(m.buf) {
			spans = append(spans, rtl.Span{Text: string(m.buf[cur+1:]), Style: stText, Isolate: true})
		}
		return spans
	}
	return append(spans, rtl.Span{Text: "\u00a0", Style: stCursor, Isolate: true})
}

// osc52 is the escape sequence that puts text on the terminal's clipboard.
func osc52(text string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\a"
}
