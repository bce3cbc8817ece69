package merge

import (
	"strings"

	"khatt/model"
)

// Summary is an event's one-line title: type, actors, place, and for a
// statement the gist of what was said.
func Summary(ev *model.Event, gist string) string {
	names := make([]string, 0, 3)
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
		if ev.Planned() {
			b.WriteString("مرتقبة ")
		}
		b.WriteString(who)
		if ev.Place != "" {
			b.WriteString(" إلى " + ev.Place)
		}
	case model.Talks:
		b.WriteString("محادثات ")
		if ev.Planned() {
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
