package timeline

import (
	"fmt"
	"hash/fnv"
	"runtime"
	"sort"
	"strings"

	"khatt/model"
)

// LoadTimeline loads the articles under the roots and builds their timeline.
func LoadTimeline(roots []Root, lx *Lexicon) *model.Timeline {
	srcs, problems := Load(roots, lx)
	return &model.Timeline{Sources: srcs, Events: Build(srcs, lx), Problems: problems}
}

// Build extracts the events of every source, merges the ones reported more
// than once, and returns them in chronological order.
func Build(srcs []model.Source, lx *Lexicon) []model.Event {
	// Articles are read independently, on every core; the results are joined
	// in source order so that the timeline does not depend on scheduling.
	per := make([][]*candidate, len(srcs))
	caches := make(chan wordCache, runtime.GOMAXPROCS(0))
	for range cap(caches) {
		caches <- wordCache{}
	}
	parallel(len(srcs), func(si int) {
		cache := <-caches
		per[si] = extractSource(&srcs[si], si, lx, cache)
		caches <- cache
	})
	var all []*candidate
	for _, cs := range per {
		all = append(all, cs...)
	}
	return merge(all)
}

// extractSource finds the candidates of one article.
func extractSource(src *model.Source, si int, lx *Lexicon, cache wordCache) []*candidate {
	a := anchor{source: src.ID}
	if src.Published.Precision == model.Day {
		a.pub = src.Published.Start
	}
	d := newDocState(lx)
	var cs []*candidate
	var buf []Token
	for _, s := range spans(src.Text, src.BodyStart) {
		buf = tokenize(buf[:0], src.Text, s.Start, s.End, cache)
		s.Tokens = buf
		cs = append(cs, d.sentenceCandidates(src.Text, s, a, cs)...)
	}
	datesFromContext(cs, a)
	for _, c := range cs {
		c.src = si
		c.mention.Source = src.ID
		c.mention.Date = c.date
		c.mention.Planned = c.planned
		c.mention.Number = c.number
		if c.place != nil {
			c.mention.Place = c.place.Name
		}
	}
	return cs
}

// subjects returns the actors a candidate is blocked under for merging.
func subjects(c *candidate) []*Entity {
	return c.actors[:min(max(c.nsubj, 1), 3, len(c.actors))]
}

// blockers are the actors a candidate is blocked under: its subjects, or
// for talks (which have no direction: عون التقى لودريان is لودريان التقى
// عون) every person or state taking part.
func blockers(c *candidate) []*Entity {
	if c.typ != model.Talks {
		return subjects(c)
	}
	return c.actors[:min(len(c.actors), 4)]
}

// compatible reports whether two candidates can be one event.
func compatible(a, b *candidate) bool {
	if a.typ != b.typ || a.planned != b.planned {
		return false
	}
	switch {
	case a.date.Known() && b.date.Known():
		// A visit spans days: arriving one evening and received the next
		// morning is one visit.
		slack := 0
		if a.typ == model.Visit {
			slack = 1
		}
		if !widen(a.date, slack).Overlaps(b.date) {
			return false
		}
	case a.src != b.src:
		return false
	}
	if a.typ == model.Visit && a.place != nil && b.place != nil {
		if country(a.place) != "" && country(b.place) != "" && country(a.place) != country(b.place) {
			return false
		}
	}
	return true
}

// sameStatement tells whether a statement belongs with a group of them: the
// same article a sentence or two on, the same speakers (dates were checked
// already), or two content words in common (a joint statement reported
// under one of its speakers). Other events are told apart by
// their actors and dates alone.
func sameStatement(c, last *candidate, words map[string]bool) bool {
	if c.typ != model.Statement {
		return true
	}
	if c.src == last.src && c.sent-last.sent <= 2 && c.sent >= last.sent {
		return true
	}
	if speakers(c) == speakers(last) {
		return true // the same speakers at a compatible date
	}
	shared := 0
	for w := range c.words {
		if words[w] {
			shared++
		}
	}
	return shared >= 2
}

// speakers is a key for the subjects of a candidate, in any order.
func speakers(c *candidate) string {
	var names []string
	for _, e := range subjects(c) {
		names = append(names, e.Name)
	}
	sort.Strings(names)
	return strings.Join(names, "|")
}

func copyWords(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

func widen(d model.Date, days int) model.Date {
	d.Start, d.End = d.Start.AddDate(0, 0, -days), d.End.AddDate(0, 0, days)
	return d
}

// country is the country a place belongs to, when the gazetteer says.
func country(e *Entity) string {
	switch {
	case e.Kind == model.Country:
		return e.Name
	case e.StandsFor != "":
		return e.StandsFor
	}
	return ""
}

// merge joins candidates that report the same event. Candidates are blocked
// by (type, subject) and, inside a block, swept in date order against the
// groups still open, so the work is near-linear in the number of
// candidates.
func merge(cs []*candidate) []model.Event {
	parent := make([]int, len(cs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// One sentence that reports the same kind of event twice with a shared
	// actor reports one event ("اجتمع بايدن والكاظمي … في إطار حوار … بين
	// الولايات المتحدة والعراق").
	for i := 1; i < len(cs); i++ {
		for j := i - 1; j >= 0 && cs[j].src == cs[i].src && cs[j].sent == cs[i].sent; j-- {
			if compatible(cs[i], cs[j]) && sameActor(cs[i], cs[j]) {
				parent[find(i)] = find(j)
			}
		}
	}
	blocks := map[string][]int{}
	var keys []string
	for i, c := range cs {
		for _, e := range blockers(c) {
			k := fmt.Sprintf("%d|%s", c.typ, Normalize(e.Name))
			if _, ok := blocks[k]; !ok {
				keys = append(keys, k)
			}
			blocks[k] = append(blocks[k], i)
		}
	}
	for _, k := range keys {
		idx := blocks[k]
		sort.SliceStable(idx, func(x, y int) bool { return cs[idx[x]].date.Before(cs[idx[y]].date) })
		type group struct {
			rep   *candidate // the most precise member
			root  int
			words map[string]bool
			last  *candidate
		}
		var open []group
		for _, i := range idx {
			c := cs[i]
			best := -1
			for gi, g := range open {
				if !compatible(c, g.rep) || !sameStatement(c, g.last, g.words) {
					continue
				}
				if best < 0 || (g.rep.src == c.src && open[best].rep.src != c.src) {
					best = gi
				}
			}
			if best < 0 {
				open = append(open, group{rep: c, root: i, words: copyWords(c.words), last: c})
				continue
			}
			g := &open[best]
			parent[find(i)] = find(g.root)
			for w := range c.words {
				g.words[w] = true
			}
			g.last = c
			if c.date.Precision > g.rep.date.Precision {
				g.rep = c
			}
			// Groups whose dates end before this one starts can no longer match.
			if c.date.Known() {
				kept := open[:0]
				for _, o := range open {
					if !o.rep.date.Known() || !o.rep.date.End.Before(c.date.Start.AddDate(0, -1, 0)) {
						kept = append(kept, o)
					}
				}
				open = kept
			}
		}
	}
	groups := map[int][]*candidate{}
	var roots []int
	for i, c := range cs {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], c)
	}
	events := make([]model.Event, 0, len(roots))
	for _, r := range roots {
		events = append(events, newEvent(groups[r]))
	}
	sort.SliceStable(events, func(i, j int) bool {
		a, b := events[i], events[j]
		if a.Date.Before(b.Date) != b.Date.Before(a.Date) {
			return a.Date.Before(b.Date)
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.ID < b.ID
	})
	return events
}

// newEvent builds one event from the candidates that report it.
func newEvent(cs []*candidate) model.Event {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].src != cs[j].src {
			return cs[i].src < cs[j].src
		}
		return cs[i].mention.Start < cs[j].mention.Start
	})
	ev := model.Event{Type: cs[0].typ}
	// Date: the most precise one a sentence gives itself, else the best inferred.
	best := cs[0]
	for _, c := range cs {
		if c.ownDate && (!best.ownDate || c.date.Precision > best.date.Precision) ||
			c.ownDate == best.ownDate && c.date.Precision > best.date.Precision {
			best = c
		}
	}
	ev.Date = best.date
	// Actors: subjects first, by how many sentences name them.
	score := map[string]int{}
	byName := map[string]*Entity{}
	var order []string
	for _, c := range cs {
		for k, a := range c.actors {
			if _, ok := byName[a.Name]; !ok {
				byName[a.Name] = a
				order = append(order, a.Name)
			}
			if k < len(subjects(c)) {
				score[a.Name] += 100
			}
			score[a.Name]++
		}
	}
	// People first (the Biden–Kadhimi talks, then the states they lead),
	// then by how prominently the mentions name them.
	sort.SliceStable(order, func(i, j int) bool {
		pi, pj := byName[order[i]].Kind == model.Person, byName[order[j]].Kind == model.Person
		if pi != pj {
			return pi
		}
		return score[order[i]] > score[order[j]]
	})
	for _, n := range order {
		ev.Actors = append(ev.Actors, byName[n].Actor())
	}
	places := map[string]int{}
	planned := 0
	seen := map[[2]int]bool{}
	gist := ""
	for _, c := range cs {
		if c.place != nil {
			places[c.place.Name]++
			if places[c.place.Name] > places[ev.Place] || ev.Place == "" {
				ev.Place = c.place.Name
			}
		}
		if c.planned {
			planned++
		}
		if gist == "" {
			gist = c.summary
		}
		key := [2]int{c.src, c.mention.Start}
		if !seen[key] {
			seen[key] = true
			ev.Mentions = append(ev.Mentions, c.mention)
		}
		ev.Conflicts = append(ev.Conflicts, c.conflicts...)
	}
	ev.Planned = planned*2 > len(cs)
	ev.Conflicts = append(ev.Conflicts, conflicts(cs)...)
	ev.Summary = eventSummary(&ev, gist)
	h := fnv.New64a()
	// Stable across runs: the first report, down to its trigger word.
	fmt.Fprintf(h, "%d|%s|%d|%d", ev.Type, cs[0].mention.Source, cs[0].mention.Start, cs[0].trigStart)
	ev.ID = fmt.Sprintf("%s-%012x", ev.Type.String()[:1], h.Sum64()&0xffffffffffff)
	return ev
}

// timeValue is a time of day with the words that gave it: "noon (ظهر اليوم الثلاثاء)".
func timeValue(d model.Date) string {
	if d.TimeOfDay == "" {
		return ""
	}
	return d.TimeOfDay + " (" + d.Expr + ")"
}

// conflicts compares the mentions of different sources: the time of day,
// the place, the day, and the ordinal or number they give.
func conflicts(cs []*candidate) []model.Conflict {
	var out []model.Conflict
	seen := map[string]bool{}
	add := func(field, va, vb string, a, b *candidate) {
		if va == vb || va == "" || vb == "" {
			return
		}
		k := field + "|" + min(va, vb) + "|" + max(va, vb)
		if seen[k] || len(out) >= 8 {
			return
		}
		seen[k] = true
		out = append(out, model.Conflict{Field: field,
			A: model.Side{Value: va, Mention: a.mention}, B: model.Side{Value: vb, Mention: b.mention}})
	}
	// An event reported a great many times is compared on its first reports
	// only: conflicts are about what the sources say, and they say it early.
	if len(cs) > 64 {
		cs = cs[:64]
	}
	for i, a := range cs {
		for _, b := range cs[i+1:] {
			if a.src == b.src {
				continue
			}
			if a.ownDate && b.ownDate && a.date.TimeOfDay != b.date.TimeOfDay {
				add("time of day", timeValue(a.date), timeValue(b.date), a, b)
				if a.date.Precision == model.Day && b.date.Precision == model.Day {
					add("date", a.date.String(), b.date.String(), a, b)
				}
			}
			if a.place != nil && b.place != nil && country(a.place) != b.place.Name && country(b.place) != a.place.Name {
				add("place", a.place.Name, b.place.Name, a, b)
			}
			add("number", a.number, b.number, a, b)
		}
		if len(out) >= 8 {
			break
		}
	}
	return out
}
