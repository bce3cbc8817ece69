package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"

	"khatt/model"
)

// eventPane shows the selected event in full, rendered with glamour.
type eventPane struct {
	s      *state
	w, h   int
	top    int
	style  string // glamour style: dark, light, notty
	cache  map[renderKey][]string
	wanted renderKey
	seq    int
}

type renderKey struct {
	id    string
	width int
}

// renderedMsg carries glamour's output back to the update loop.
type renderedMsg struct {
	key   renderKey
	seq   int
	lines []string
	err   error
}

func (p *eventPane) SetSize(w, h int) { p.w, p.h = w, h }

// request asks for the selected event to be rendered at the pane's width,
// off the update loop; answers to older requests are dropped.
func (p *eventPane) request() tea.Cmd {
	e := p.s.event()
	if e == nil || p.w <= 2 {
		return nil
	}
	key := renderKey{e.ID + fmt.Sprint(p.s.mention), p.w}
	if _, ok := p.cache[key]; ok || key == p.wanted {
		p.wanted = key
		return nil
	}
	p.wanted = key
	p.seq++
	seq, md, style, width := p.seq, p.s.markdown(e, p.w), p.style, p.w
	return func() tea.Msg {
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width-4), glamour.WithPreservedNewLines())
		if err != nil {
			return renderedMsg{key: key, seq: seq, err: err}
		}
		out, err := r.Render(md)
		return renderedMsg{key: key, seq: seq, lines: strings.Split(strings.Trim(out, "\n"), "\n"), err: err}
	}
}

// rendered stores glamour's answer.
func (p *eventPane) rendered(msg renderedMsg) {
	if msg.err != nil {
		msg.lines = []string{msg.err.Error()}
	}
	if p.cache == nil {
		p.cache = map[renderKey][]string{}
	}
	p.cache[msg.key] = msg.lines
	if msg.key == p.wanted {
		p.top = 0
	}
}

func (p *eventPane) scroll(delta int) {
	lines := p.cache[p.wanted]
	p.top = max(0, min(p.top+delta, len(lines)-p.h))
}

func (p *eventPane) View() []string {
	out := make([]string, 0, p.h)
	lines, ok := p.cache[p.wanted]
	switch {
	case p.s.event() == nil:
		out = append(out, p.s.draw.line(dimSpan(p.s.labels.NoSelection), p.w, p.s.dir(), false))
	case !ok:
		out = append(out, p.s.draw.line(dimSpan("…"), p.w, p.s.dir(), false))
	default:
		for i := p.top; i < len(lines) && len(out) < p.h; i++ {
			for _, l := range p.s.draw.ansi(lines[i], p.w) {
				if len(out) < p.h {
					out = append(out, l)
				}
			}
		}
	}
	for len(out) < p.h {
		out = append(out, blank(p.w))
	}
	return out
}

// markdown writes an event as Markdown: title, date and how it was
// resolved, actors, place, every mention grouped by source, conflicts.
func (s *state) markdown(e *model.Event, width int) string {
	l := s.labels
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s\n\n", TypeGlyph(e.Type), e.Summary)
	date := e.Date.String()
	if date == "" {
		date = l.Undated
	}
	fmt.Fprintf(&b, "- **%s:** %s (%s)\n", l.Date, date, l.Precision[e.Date.Precision])
	// How it was resolved: "«الثلاثاء» ← 2021-07-27، من تاريخ نشر 002".
	resolved := ""
	if e.Date.Expr != "" {
		resolved = "«" + e.Date.Expr + "»"
		if e.Date.Known() {
			resolved += " ← " + e.Date.String()
		}
		if l.RTL {
			resolved += "، "
		} else {
			resolved += ", "
		}
	}
	fmt.Fprintf(&b, "- %s%s\n", resolved, l.Basis(e.Date.Basis)) // no italics: some terminals have no italic Arabic font
	var actors []string
	for _, a := range e.Actors {
		actors = append(actors, a.Name)
	}
	fmt.Fprintf(&b, "- **%s:** %s\n", l.Actors, strings.Join(actors, "، "))
	if e.Place != "" {
		fmt.Fprintf(&b, "- **%s:** %s\n", l.Place, e.Place)
	}
	if e.Planned {
		fmt.Fprintf(&b, "- **%s**\n", l.Planned)
	}
	fmt.Fprintf(&b, "\n## %s (%d)\n", l.Mentions, len(e.Mentions))
	last := ""
	for i, m := range e.Mentions {
		if m.Source != last {
			src := s.tl.Source(m.Source)
			outlet, pub := l.UnknownOutlet, l.Undated
			if src != nil {
				if src.Outlet != "" {
					outlet = src.Outlet
				}
				if src.Published.Known() {
					pub = src.Published.String()
				}
			}
			fmt.Fprintf(&b, "\n### %s · %s · %s\n\n", outlet, pub, shortID(m.Source))
			last = m.Source
		}
		mark := ""
		if i == s.mention {
			mark = "▶ "
		}
		// Quotes are wrapped here, in logical order, narrower than glamour's
		// own wrap: glamour's blockquote re-wrap loses the bar on some lines.
		for _, line := range s.draw.l.Wrap(mark+m.Sentence, width-10) {
			fmt.Fprintf(&b, "> %s\n", escapeMD(line))
		}
		b.WriteString("\n")
	}
	if len(e.Conflicts) > 0 {
		fmt.Fprintf(&b, "## ⚠ %s (%d)\n\n", l.Conflicts, len(e.Conflicts))
		for _, c := range e.Conflicts {
			fmt.Fprintf(&b, "- **%s:** «%s» (%s) ↔ «%s» (%s)\n", l.Fields[c.Field],
				c.A.Value, shortID(c.A.Mention.Source), c.B.Value, shortID(c.B.Mention.Source))
		}
	}
	return b.String()
}

// shortID is a source ID as people cite it: "002" for "002_47b55d…".
func shortID(id string) string {
	if i := strings.IndexByte(id, '_'); i > 0 && i <= 4 {
		return id[:i]
	}
	return id
}

func escapeMD(s string) string {
	return strings.NewReplacer("*", "\\*", "_", "\\_", "#", "\\#", "`", "\\`", "[", "\\[", "]", "\\]").Replace(s)
}
