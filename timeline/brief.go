package timeline

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"khatt/i18n"
	"khatt/model"
)

// Title is an event's who, what, where, without its type: "إسماعيل قاآني
// ← بغداد", "جو بايدن، مصطفى الكاظمي · المكتب البيضاوي", "جون كيربي: بيان
// الأربعاء لا يمثل …".
func Title(e *model.Event) string {
	var names []string
	for _, a := range e.Actors {
		if a.Kind == model.Person || len(names) < 2 {
			names = append(names, a.Name)
		}
		if len(names) == 3 {
			break
		}
	}
	who := strings.Join(names, "، ")
	switch e.Type {
	case model.Visit:
		if e.Place != "" {
			return who + " ← " + e.Place
		}
	case model.Talks:
		if e.Place != "" {
			return who + " · " + e.Place
		}
	case model.Statement:
		if _, gist, ok := strings.Cut(e.Summary, ": "); ok {
			return who + ": " + gist
		}
	}
	return who
}

// Glyph is a mark for an event type that survives a monochrome terminal:
// the shape, not the colour, tells the types apart.
func Glyph(t model.EventType) string {
	switch t {
	case model.Visit:
		return "▲"
	case model.Talks:
		return "◆"
	}
	return "●"
}

// EventMarkdown options: the heading level of the event's title, the
// mention to mark with ▶ (-1 for none), and how to wrap quoted sentences
// (nil: one line each).
type EventMarkdown struct {
	Level   int
	Current int
	Wrap    func(string) []string
}

// WriteEvent writes one event as Markdown: title, date and how it was
// resolved, actors, place, every mention grouped by source (outlet,
// publication date, the quoted sentence), conflicts with both sides.
func WriteEvent(b *strings.Builder, tl *model.Timeline, e *model.Event, l i18n.Labels, o EventMarkdown) {
	h := strings.Repeat("#", max(o.Level, 1))
	fmt.Fprintf(b, "%s %s %s · %s\n\n", h, Glyph(e.Type), l.Types[e.Type], escapeMD(Title(e)))
	fmt.Fprintf(b, "- **%s:** %s (%s)\n", l.Date, DateText(e.Date, l), l.Precision[e.Date.Precision])
	resolved := ""
	if e.Date.Expr != "" {
		resolved = "«" + e.Date.Expr + "»"
		if e.Date.Known() {
			resolved += " ← " + e.Date.String()
		}
		resolved += l.Comma
	}
	fmt.Fprintf(b, "- %s%s\n", escapeMD(resolved), l.Basis(e.Date.Basis))
	if bt := BoundsText(e.Date, l); bt != "" {
		fmt.Fprintf(b, "- %s\n", bt)
	}
	var actors []string
	for _, a := range e.Actors {
		actors = append(actors, a.Name)
	}
	fmt.Fprintf(b, "- **%s:** %s\n", l.Actors, strings.Join(actors, l.Comma))
	if e.Place != "" {
		fmt.Fprintf(b, "- **%s:** %s\n", l.Place, e.Place)
	}
	if e.Status != model.Reported {
		fmt.Fprintf(b, "- **%s**\n", l.Statuses[e.Status])
	}
	fmt.Fprintf(b, "- %s: %.0f%%\n", l.Confidence, e.Confidence*100)
	fmt.Fprintf(b, "\n%s# %s\n", h, l.MentionsCount(e.SourceCount(), len(e.Mentions)))
	last := ""
	for i, m := range e.Mentions {
		if m.Source != last {
			fmt.Fprintf(b, "\n**%s**\n\n", sourceLine(tl, m.Source, l))
			last = m.Source
		}
		text := m.Sentence
		if i == o.Current {
			text = "▶ " + text
		}
		lines := []string{text}
		if o.Wrap != nil {
			lines = o.Wrap(text)
		}
		for _, line := range lines {
			fmt.Fprintf(b, "> %s\n", escapeMD(line))
		}
		b.WriteString("\n")
	}
	if len(e.Conflicts) > 0 {
		fmt.Fprintf(b, "%s# ⚠ %s (%d)\n\n", h, l.Conflicts, len(e.Conflicts))
		for _, c := range e.Conflicts {
			fmt.Fprintf(b, "- **%s:** «%s» (%s) ↔ «%s» (%s)\n", l.Fields[c.Field],
				escapeMD(c.A.Value), i18n.ShortID(c.A.Mention.Source), escapeMD(c.B.Value), i18n.ShortID(c.B.Mention.Source))
		}
		b.WriteString("\n")
	}
}

// sourceLine names a source: "إيران إنسايدر · 2021-07-27 · 002".
func sourceLine(tl *model.Timeline, id string, l i18n.Labels) string {
	outlet, pub := l.UnknownOutlet, l.Undated
	if src := tl.Source(id); src != nil {
		if src.Outlet != "" {
			outlet = src.Outlet
		}
		if src.Published.Known() {
			pub = src.Published.String()
		}
	}
	return escapeMD(outlet) + " · " + pub + " · " + i18n.ShortID(id)
}

// WriteBrief writes a chronological briefing in Markdown: day by day (then
// month, year and undated groups), each event with its date, type, who/
// what/where, its sources quoted and its conflicts. Arabic briefings are
// wrapped in <div dir="rtl"> so that Markdown viewers lay them out right to
// left.
// wrap, when not nil, wraps quoted sentences (see EventMarkdown).
// filters, when any, are the filters that made it, as FilterSummary
// words them.
func WriteBrief(w io.Writer, tl *model.Timeline, events []model.Event, l i18n.Labels, wrap func(string) []string, filters []string) error {
	// Written event by event: a briefing of a big corpus is tens of
	// megabytes, which a builder holding it whole copied at each doubling.
	bw := bufio.NewWriterSize(w, 64<<10)
	var b strings.Builder
	flush := func() {
		bw.WriteString(b.String())
		b.Reset()
	}
	if l.RTL {
		b.WriteString("<div dir=\"rtl\" lang=\"ar\">\n\n")
	}
	fmt.Fprintf(&b, "# %s\n\n%s · %s\n\n", l.BriefTitle, l.EventsCount(len(events)), l.SourcesCount(len(tl.Sources)))
	if len(filters) > 0 {
		fmt.Fprintf(&b, "**%s:** %s\n\n", l.FiltersUsed, escapeMD(strings.Join(filters, " · ")))
	}
	if len(events) == 0 {
		fmt.Fprintf(&b, "%s\n\n", l.NoEvents)
	}
	group := ""
	for i := range events {
		e := &events[i]
		g := groupOf(e.Date, l)
		if g != group {
			fmt.Fprintf(&b, "## %s\n\n", g)
			group = g
		}
		WriteEvent(&b, tl, e, l, EventMarkdown{Level: 3, Current: -1, Wrap: wrap})
		flush()
	}
	if l.RTL {
		b.WriteString("</div>\n")
	}
	flush()
	return bw.Flush()
}

// groupOf is the briefing section of a date: the day, or the month or year
// at the precision known, or undated.
func groupOf(d model.Date, l i18n.Labels) string {
	switch d.Precision {
	case model.Day:
		return d.String()
	case model.Month:
		return l.MonthHeading(d.Start.Year(), d.Start.Month())
	case model.Year:
		return fmt.Sprint(d.Start.Year())
	}
	return l.Undated
}

// mdEscaper is made once: a Replacer builds its tables on first use, and
// made per call that was a third of a big briefing's time.
var mdEscaper = strings.NewReplacer("*", "\\*", "_", "\\_", "#", "\\#", "`", "\\`", "[", "\\[", "]", "\\]", "<", "&lt;")

func escapeMD(s string) string { return mdEscaper.Replace(s) }

// DateText is a date as a reader sees it: the value with its modifier
// («≈ 2025-03-01», «أواخر 2024»), or «بلا تاريخ».
func DateText(d model.Date, l i18n.Labels) string {
	if !d.Known() {
		return l.Undated
	}
	return l.Modifiers[d.Modifier] + d.String()
}

// BoundsText gives a date's bounds when they are wider than its value
// («بين 2025-02-22 و2025-03-01»), else "".
func BoundsText(d model.Date, l i18n.Labels) string {
	if !d.Known() {
		return ""
	}
	lo, hi := d.Bounds()
	if lo.Equal(d.Start) && hi.Equal(d.End) {
		return ""
	}
	return l.Between(lo.Format("2006-01-02"), hi.Format("2006-01-02"))
}

// FilterSummary words a filter's conditions, as the reader's chips and the
// briefing's header show them: types, actor and place as typed, source,
// date bounds, the query, and the confidence threshold when it is not the
// default.
func FilterSummary(f Filter, l i18n.Labels) []string {
	var out []string
	for _, t := range f.Types {
		out = append(out, l.Types[t])
	}
	shown := func(typed, folded string) string {
		if typed != "" {
			return typed
		}
		return folded
	}
	if f.Actor != "" {
		out = append(out, l.Actors+": "+shown(f.ActorText, f.Actor))
	}
	if f.Place != "" {
		out = append(out, l.Place+": "+shown(f.PlaceText, f.Place))
	}
	if f.Source != "" {
		out = append(out, l.Source+": "+f.Source)
	}
	if f.Since.Known() {
		out = append(out, "≥ "+f.Since.String())
	}
	if f.Until.Known() {
		out = append(out, "≤ "+f.Until.String())
	}
	if f.Query != "" {
		out = append(out, "«"+f.Query+"»")
	}
	if f.MinConfidence != DefaultMinConfidence {
		out = append(out, fmt.Sprintf("%s ≥ %.0f%%", l.Confidence, f.MinConfidence*100))
	}
	return out
}
