package merge

import (
	"strings"

	"khatt/model"
)

// Summary is an event's one-line title: type, actors, place, and for a
// statement the gist of what was said. An event told without its actors
// («مفاوضات ثلاثية عقدت في أبوظبي») reads without them, not with a gap.
func Summary(ev *model.Event, gist string) string {
	names := make([]string, 0, 3)
	for _, a := range ev.Actors {
		names = append(names, a.Name)
		if len(names) == 3 {
			break
		}
	}
	who := strings.Join(names, " و")
	words := make([]string, 0, 5)
	add := func(w ...string) {
		for _, s := range w {
			if s != "" {
				words = append(words, s)
			}
		}
	}
	planned := ""
	if ev.Planned() {
		planned = "مرتقبة"
	}
	switch ev.Type {
	case model.Visit:
		add("زيارة", planned, who)
		if ev.Place != "" {
			add("إلى", ev.Place)
		}
	case model.Talks:
		add("محادثات", planned, who)
		if ev.Place != "" {
			add("في", ev.Place)
		}
	case model.Statement:
		if who == "" {
			who = "تصريح"
		}
		if gist != "" {
			who += ":"
		}
		add(who, gist)
	}
	return strings.Join(words, " ")
}
