package timeline

import (
	"strings"

	"khatt/model"
)

// summary writes a short Arabic title for a candidate: who, what, where;
// for a statement, the first words of what was said.
func (d *docState) summary(c *candidate, text string, toks []Token, tr trigger) string {
	if c.typ != model.Statement {
		return ""
	}
	// The gist starts after the complementiser (قال … إن …) or the colon,
	// else at the trigger itself ("دعا إلى الهدوء").
	start := tr.at
	for k := tr.at + tr.n; k < len(toks) && k < tr.at+tr.n+25; k++ {
		if is(toks, k, clauseBreaks) || punctIs(toks, k, ":") {
			start = k + 1
			break
		}
		if k > tr.at+tr.n && toks[k].Kind == Word && (k-tr.at > 12) {
			break
		}
	}
	var words []string
	for k := start; k < len(toks) && len(words) < 12; k++ {
		if toks[k].Kind == Punct && strings.ContainsAny(toks[k].Raw, "\"«»“”") {
			continue
		}
		if toks[k].Kind == Punct && len(words) > 0 && strings.ContainsAny(toks[k].Raw, ".؟?!") {
			break
		}
		if toks[k].Kind == Punct {
			if len(words) > 0 {
				words[len(words)-1] += toks[k].Raw
			}
			continue
		}
		words = append(words, toks[k].Raw)
	}
	gist := strings.TrimRight(strings.Join(words, " "), "،,:؛")
	if len(words) == 12 {
		gist += "…"
	}
	return gist
}

// eventSummary is an event's one-line title: type, actors, place, and for a
// statement its gist.
func eventSummary(ev *model.Event, gist string) string {
	names := make([]string, 0, len(ev.Actors))
	for _, a := range ev.Actors {
		names = append(names, a.Name)
		if len(names) == 3 {
			break
		}
	}
	who := strings.Join(names, " و")
	var b strings.Builder
	switch ev.Type {
	case model.Visit:
		b.WriteString("زيارة ")
		if ev.Planned {
			b.WriteString("مرتقبة ")
		}
		b.WriteString(who)
		if ev.Place != "" {
			b.WriteString(" إلى " + ev.Place)
		}
	case model.Talks:
		b.WriteString("محادثات ")
		if ev.Planned {
			b.WriteString("مرتقبة ")
		}
		b.WriteString(who)
		if ev.Place != "" {
			b.WriteString(" في " + ev.Place)
		}
	case model.Statement:
		b.WriteString(who)
		if gist != "" {
			b.WriteString(": " + gist)
		}
	}
	return b.String()
}
