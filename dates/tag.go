package dates

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hablullah/go-hijri"

	"khatt/arabic"
	"khatt/lexicon"
	"khatt/model"
)

// Tagger finds time expressions. It holds the lexicon's calendar sets;
// make one per lexicon with NewTagger and share it freely.
type Tagger struct {
	lx                                       *lexicon.Lexicon
	today, yesterday, tomorrow, tomorrowNoun lexicon.WordSet
	past, next, current, this                lexicon.WordSet
	dayUnit, weekUnit, monthUnit, yearUnit   lexicon.WordSet
	startOf, endOf, midOf                    lexicon.WordSet
	recently, night, some                    lexicon.WordSet
	before, after, ago, bound                lexicon.WordSet
	evBefore, evEve, evAfter, evDuring       lexicon.WordSet
	occasions                                lexicon.WordSet
	hijriMark, gregMark, sameAs              lexicon.WordSet
	starters                                 lexicon.AnyOf // the sets and tables a time expression may start with
	duringLen                                int           // the longest during-word's length in bytes (duringPronoun)
	duringHeads                              []string      // the during-words' first two letters (headOf)
}

// NewTagger builds a tagger over a lexicon's calendar.
func NewTagger(lx *lexicon.Lexicon) *Tagger {
	s := lx.Set
	tg := &Tagger{lx: lx,
		today: s("today"), yesterday: s("yesterday"), tomorrow: s("tomorrow"), tomorrowNoun: s("tomorrow-noun"),
		past: s("past"), next: s("next"), current: s("current"), this: s("this"),
		dayUnit: s("day-unit"), weekUnit: s("week-unit"), monthUnit: s("month-unit"), yearUnit: s("year-unit"),
		startOf: s("start-of"), endOf: s("end-of"), midOf: s("mid-of"),
		recently: s("recently"), night: s("night"), some: s("some"),
		before: s("before"), after: s("after"), ago: s("ago"), bound: s("bound"),
		evBefore: s("event-before"), evEve: s("event-eve"), evAfter: s("event-after"), evDuring: s("event-during"), occasions: s("occasion-nouns"),
		hijriMark: s("hijri-mark"), gregMark: s("gregorian-mark"), sameAs: s("same-as"),
	}
	tg.starters = lexicon.NewAnyOf(tg.today, tg.yesterday, tg.tomorrow, tg.tomorrowNoun, tg.past, tg.this, tg.dayUnit, tg.weekUnit,
		tg.monthUnit, tg.yearUnit, tg.startOf, tg.endOf, tg.midOf, tg.recently, tg.night, tg.before, tg.after, tg.ago,
		tg.evBefore, tg.evEve, tg.evAfter, tg.evDuring, startWords).OrStarts(&lx.Months, &lx.Weekdays, &lx.Times, &lx.Numbers)
	for w := range tg.evDuring.Words() {
		tg.duringLen = max(tg.duringLen, len(w))
		if head := headOf(w); !slices.Contains(tg.duringHeads, head) {
			tg.duringHeads = append(tg.duringHeads, head)
		}
	}
	return tg
}

// sentence is the tagger's view of one sentence.
type sentence struct {
	*Tagger
	toks   []arabic.Token
	a      Anchor
	masked []bool
}

// Tag returns the time expressions of a sentence's tokens, resolved
// against a. masked marks tokens that are not the article's words (an
// outlet's name such as «المصري اليوم»); it may be nil.
func (tg *Tagger) Tag(toks []arabic.Token, a Anchor, masked []bool) []Expr {
	s := sentence{Tagger: tg, toks: toks, a: a, masked: masked}
	var out []Expr
	for i := 0; i < len(toks); {
		if s.isMasked(i) || !s.canStart(i) {
			i++
			continue
		}
		e, ok := s.at(i)
		if !ok || e.To <= i {
			i++
			continue
		}
		if s.in(e.From-1, s.bound) && !(e.Kind == Ago) {
			e.Bound = true // "منذ عام 2011", "بحلول نهاية العام"
		}
		if e.Kind == Ago && s.in(e.From, s.ago) && s.firstBefore(e.From) {
			e.Bound = true // «أول زيارة … منذ 30 عاما»: a span of absence, not a date
		}
		if !e.Bound && s.sinceBefore(e.From) {
			e.Bound = true // «منذ اندلاع النزاع السوري عام 2011»: the start of a span
		}
		out = append(out, e)
		i = e.To
	}
	return out
}

// sinceBefore reports whether «منذ» opens a phrase a few words before i
// with no verb or clause mark between: the expression dates the start of
// the span, not the event.
func (s *sentence) sinceBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		t := &s.toks[k]
		if t.IsPunct("،,.:؛") {
			return false
		}
		if s.in(k, s.ago) && t.Bare() == "منذ" {
			return true
		}
		if s.lx.Triggers.Has(s.toks, k) {
			if m, _ := s.lx.Triggers.At(s.toks, k); m.Val.Verb {
				return false
			}
		}
	}
	return false
}

// firstBefore reports whether «أول» or «الأولى» stands a few words before
// i: «أول زيارة لرئيس مصري إلى بغداد منذ 30 عاما».
func (s *sentence) firstBefore(i int) bool {
	for k := max(0, i-10); k < i; k++ {
		if t := s.word(k); t != nil && (t.Norm == "اول" || t.Is("الاولي") || t.Is("الاول") || t.Is("لاول")) {
			return true
		}
	}
	return false
}

func (s *sentence) isMasked(i int) bool { return s.masked != nil && i < len(s.masked) && s.masked[i] }

func (s *sentence) word(i int) *arabic.Token {
	if i < 0 || i >= len(s.toks) || s.toks[i].Kind == arabic.Punct || s.isMasked(i) {
		return nil
	}
	return &s.toks[i]
}

func (s *sentence) in(i int, set lexicon.WordSet) bool {
	t := s.word(i)
	return t != nil && t.Kind == arabic.Word && set.Has(t)
}

func (s *sentence) num(i int) (int, bool) {
	t := s.word(i)
	if t == nil || t.Kind != arabic.Number || len(t.Norm) > 4 {
		return 0, false
	}
	n, err := strconv.Atoi(t.Norm)
	return n, err == nil
}

func (s *sentence) punct(i int, chars string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].IsPunct(chars)
}

// startWords open a time expression outside the lexicon's sets («في
// الأسبوع المقبل»، «وقت لاحق»، «يومي الأحد والاثنين»، «من الشهر»، «في
// إطار»): a fixed set, so a token answers by a class bit.
var startWords = lexicon.NewWordSet("في", "وقت", "يومي", "من", "اطار")

// canStart is a cheap test before trying every pattern at token i: a
// word of a set an expression starts with, or the first word of a month,
// a weekday, a time of day or a number (mostly one test of the token's
// class bits: starters), a during-word with a pronoun, a number.
func (s *sentence) canStart(i int) bool {
	t := &s.toks[i]
	switch t.Kind {
	case arabic.Number:
		return true
	case arabic.Punct:
		return false
	}
	return s.starters.Has(t) || t.Norm == "اول" || t.Norm == "ال" || s.duringPronoun(i)
}

// at tries every pattern at token i.
func (s *sentence) at(i int) (Expr, bool) {
	if e, ok := s.dayPhrase(i); ok {
		return e, true
	}
	if e, ok := s.monthPhrase(i); ok {
		return e, true
	}
	if e, ok := s.period(i); ok {
		return e, true
	}
	if e, ok := s.agoPhrase(i); ok {
		return e, true
	}
	if e, ok := s.recent(i); ok {
		return e, true
	}
	return s.eventLinked(i)
}

// chain collects the parts of a day phrase: a time of day, a deictic word
// (اليوم، أمس، غدا), a weekday with its qualifier, and a written date, in
// any order, separated by commas, brackets or «الموافق».
type chain struct {
	from, to  int
	tod       string
	deictic   int // days from publication; valid when hasDeictic
	hasDeic   bool
	wd        int // -1 when none
	wdQual    int // -1 past, +1 next, 0 none
	date      *written
	hijri     *written // a Hijri date written beside the Gregorian one
	night     bool
	parts     int
	broken    bool // a written date whose day is impossible (220 أبريل)
	brokenDay civil
}

// dayPhrase reads a chain and resolves it.
func (s *sentence) dayPhrase(i int) (Expr, bool) {
	c := chain{from: i, to: i, wd: -1}
	j := i
	for j < len(s.toks) {
		k := j
		// Separators between parts.
		for k < len(s.toks) && c.parts > 0 && (s.punct(k, "،,()-–") || s.in(k, s.sameAs)) {
			k++
		}
		n := s.part(k, &c)
		if n == 0 {
			break
		}
		c.parts++
		j = k + n
		c.to = j
	}
	if c.parts == 0 || (!c.hasDeic && c.wd < 0 && c.date == nil) {
		return Expr{}, false
	}
	return s.resolveChain(c), true
}

// part reads one part of a chain at k into c and returns its length.
func (s *sentence) part(k int, c *chain) int {
	if k >= len(s.toks) || s.isMasked(k) {
		return 0
	}
	// A time of day: «صباح»، «بعد ظهر»، «مساء».
	if c.tod == "" {
		if m, ok := s.lx.Times.At(s.toks, k); ok && s.word(k) != nil {
			nxt := k + m.N
			// It belongs to the phrase when a day follows, or a day came before.
			if c.parts > 0 || s.startsDay(nxt) {
				c.tod = m.Val
				return m.N
			}
		}
	}
	n := 0
	if t := s.word(k); t != nil && t.Bare() == "يوم" {
		n = 1 // «يوم الأربعاء»، «يوم أمس»، «يوم غد»
	}
	k2 := k + n
	switch {
	case !c.hasDeic && s.isToday(k2):
		c.hasDeic, c.deictic = true, 0
		return n + 1
	case !c.hasDeic && s.in(k2, s.yesterday):
		c.hasDeic, c.deictic = true, -1
		if s.word(k2+1) != nil && (s.word(k2 + 1).Is("الاول")) {
			c.deictic = -2 // أمس الأول
			return n + 2
		}
		return n + 1
	case !c.hasDeic && s.word(k2) != nil && (s.word(k2).Norm == "اول" || s.word(k2).Is("اول")) && s.in(k2+1, s.yesterday):
		c.hasDeic, c.deictic = true, -2 // أول من أمس / أول أمس
		return n + 2
	case !c.hasDeic && s.word(k2) != nil && s.word(k2).Norm == "اول" && s.word(k2+1) != nil && s.word(k2+1).Is("من") && s.in(k2+2, s.yesterday):
		c.hasDeic, c.deictic = true, -2
		return n + 3
	case !c.hasDeic && s.in(k2, s.tomorrow):
		c.hasDeic, c.deictic = true, 1
		return n + 1
	case !c.hasDeic && n == 1 && s.in(k2, s.tomorrowNoun):
		c.hasDeic, c.deictic = true, 1 // يوم غد
		return n + 1
	case !c.hasDeic && s.word(k2) != nil && s.word(k2).Is("بعد") && s.in(k2+1, s.tomorrowNoun):
		c.hasDeic, c.deictic = true, 2 // بعد غد
		return n + 2
	case !c.hasDeic && s.in(k2, s.night) && s.in(k2+1, s.yesterday):
		c.hasDeic, c.deictic, c.night = true, -1, true // ليلة أمس
		if c.tod == "" {
			c.tod = "night"
		}
		return n + 2
	case !c.hasDeic && s.word(k2) != nil && s.word(k2).Norm == "الليله" && s.in(k2+1, s.past):
		c.hasDeic, c.deictic, c.night = true, -1, true // الليلة الماضية
		c.tod = "night"
		return n + 2
	}
	if c.wd < 0 {
		if m, ok := s.lx.Weekdays.At(s.toks, k2); ok && s.word(k2) != nil && !s.nameFollows(k2+m.N) {
			c.wd = m.Val
			l := n + m.N
			switch {
			case s.in(k+l, s.past):
				c.wdQual = -1
				l++
			case s.in(k+l, s.next):
				c.wdQual = 1
				l++
			}
			return l
		}
	}
	if c.date == nil || c.hijri == nil {
		if found, l := s.written(k2); l > 0 && found.precision != model.Unknown {
			w := new(written) // on the heap only when a date is written here
			*w = found
			switch {
			case c.date == nil:
				c.date = w
			case c.date.hijri != "" && w.hijri == "":
				// «26 / 5 / 1447هـ الموافق 17 / 11 / 2025م»: the Gregorian date is kept.
				c.hijri, c.date = c.date, w
			case c.date.hijri == "" && w.hijri != "":
				c.hijri = w
			default:
				return 0
			}
			return n + l
		}
	}
	if c.tod == "" && c.parts > 0 {
		// «الثلاثاء مساء».
		if m, ok := s.lx.Times.At(s.toks, k); ok {
			c.tod = m.Val
			return m.N
		}
	}
	return 0
}

// startsDay reports whether a day phrase part starts at k (used to decide
// whether a time of day belongs to a date).
func (s *sentence) startsDay(k int) bool {
	if s.word(k) == nil {
		return false
	}
	if s.word(k).Bare() == "يوم" {
		k++
	}
	if s.isToday(k) || s.in(k, s.yesterday) || s.in(k, s.tomorrow) || s.lx.Weekdays.Has(s.toks, k) {
		return true
	}
	_, l := s.written(k)
	return l > 0
}

// isToday reads «اليوم» as today: not in an outlet's name (masked), not
// «اليوم التالي/الوطني/نفسه» (a definite word after it that is no weekday),
// not «ذلك اليوم».
func (s *sentence) isToday(k int) bool {
	if !s.in(k, s.today) {
		return false
	}
	if t := s.word(k - 1); t != nil && (t.Norm == "ذلك" || t.Norm == "هذا" || t.Is("نفس") || t.Is("منذ")) {
		return false // «في ذلك اليوم» is that day; «وذلك اليوم الخميس» is today
	}
	if t := s.word(k + 1); t != nil && t.Kind == arabic.Word && t.An[0].Definite() && !s.lx.Weekdays.Has(s.toks, k+1) {
		return false
	}
	return true
}

// nameFollows reports whether a name seems to continue after a weekday
// word (الجمعة in «جامعة الدول»? no: «السبت» as a name is rare): only a
// genitive noun that is clearly not a date word.
func (s *sentence) nameFollows(k int) bool {
	t := s.word(k)
	return t != nil && t.Kind == arabic.Word && (t.Is("الاسلاميه") || t.Is("المباركه"))
}

// written is a date written out: a day, month and year, or less.
type written struct {
	civil
	precision model.Precision
	hijri     string
	hijriDate *model.Date // the Hijri date converted
	first     int         // a range «من 25 إلى 27»: the last day (0 when none)
	listFrom  int         // a list of months «مارس ومايو ويونيو»: the first month
	brokenDay bool
	weekday   int // -1 unless written inside (English "Saturday 19 March")
	mod       model.Modifier
	reading   int // a day and month without a year read against publication: -1 past («12 يوليو الماضي»), +1 next, 0 nearest
}

// written reads a full or partial date at k and returns its length.
func (s *sentence) written(k int) (written, int) {
	if w, l := s.numeric(k); l > 0 {
		return w, l
	}
	if w, l := s.dayMonth(k); l > 0 {
		return w, l
	}
	if w, l := s.monthFirst(k); l > 0 {
		return w, l
	}
	return written{}, 0
}

// numeric reads 18-08-2020, 26/7/2021, 2021-07-26, 23.11.2020, 11/23/ 2021
// and «26 / 5 / 1447هـ».
func (s *sentence) numeric(k int) (written, int) {
	x, ok1 := s.num(k)
	y, ok2 := s.num(k + 2)
	z, ok3 := s.num(k + 4)
	if !ok1 || !ok2 || !ok3 || !s.punct(k+1, "-/.") || s.toks[k+1].Raw != s.toks[k+3].Raw {
		return written{}, 0
	}
	if s.toks[k+1].Raw == "." && (s.toks[k+1].Start != s.toks[k].End || s.toks[k+2].Start != s.toks[k+1].End) {
		return written{}, 0 // "3. 5. 2020" is a list
	}
	l := 5
	if z >= 1300 && z < 1600 {
		if s.in(k+5, s.hijriMark) {
			l++
		}
		return s.hijriWritten(x, y, z, l, fmt.Sprintf("%d/%d/%d", x, y, z))
	}
	if s.in(k+5, s.gregMark) {
		l++
	}
	var cands []civil
	if x >= 1000 {
		cands = append(cands, civil{x, y, z})
	} else {
		cands = append(cands, civil{z, y, x}) // day first, as Arab outlets write it
		if y <= 31 && x <= 12 && y > 12 || y <= 12 && x <= 12 && x != y {
			cands = append(cands, civil{z, x, y}) // month first (11/23/2021)
		}
	}
	var best *civil
	for i := range cands {
		c := cands[i]
		if !validDay(c.y, c.m, c.d) {
			continue
		}
		if best == nil {
			best = &cands[i]
			continue
		}
		// Both readings are valid: the nearer to publication wins.
		if s.a.Known() {
			db := absDays(dayTime(best.y, best.m, best.d).Sub(s.a.Pub))
			dc := absDays(dayTime(c.y, c.m, c.d).Sub(s.a.Pub))
			if dc < db {
				best = &cands[i]
			}
		}
	}
	if best == nil {
		return written{}, 0
	}
	return written{civil: *best, precision: model.Day, weekday: -1}, l
}

func absDays(d time.Duration) int {
	if d < 0 {
		d = -d
	}
	return int(d / (24 * time.Hour))
}

func (s *sentence) hijriWritten(d, m, y, l int, asWritten string) (written, int) {
	if m < 1 || m > 12 || d < 1 || d > 30 || y < 1300 || y >= 1600 {
		return written{}, 0 // outside the Umm al-Qura tables
	}
	g := hijri.UmmAlQuraDate{Year: int64(y), Month: int64(m), Day: int64(d)}.ToGregorian()
	hd := model.DayOf(g.Date())
	return written{civil: civil{g.Year(), int(g.Month()), g.Day()}, precision: model.Day, hijri: asWritten, hijriDate: &hd, weekday: -1}, l
}

// dayNumber reads a day at k: 25, «الـ 25», «الرابع» (+ من), 6th. It
// returns the day, the tokens used, and whether the day is impossible.
func (s *sentence) dayNumber(k int) (int, int) {
	j := k
	if t := s.word(j); t != nil && t.Kind == arabic.Word && t.Norm == "ال" {
		j++ // الـ 25
	}
	if d, ok := s.num(j); ok {
		l := j - k + 1
		if t := s.word(j + 1); t != nil && (t.Norm == "th" || t.Norm == "st" || t.Norm == "nd" || t.Norm == "rd") {
			l++
		}
		if s.punct(k+l, ",،") && s.lx.Months.Has(s.toks, k+l+1) {
			l++ // "6th, December"
		}
		return d, l
	}
	if j == k {
		if m, ok := s.lx.Numbers.At(s.toks, k); ok && s.word(k).Kind == arabic.Word && s.word(k).An[0].Definite() && m.Val <= 31 {
			l := m.N
			if t := s.word(k + l); t != nil && t.Is("من") {
				l++ // الرابع من ديسمبر
			}
			return m.Val, l
		}
	}
	return 0, 0
}

// dayMonth reads «25 أغسطس 2022», «25-أغسطس-2022», «06/مايو/2023»,
// «الرابع من ديسمبر», «22 أفريل/نيسان 2024», «يومي 23 و24 يناير», «من
// الـ 25 إلى الـ 27 أغسطس», «15 ذي الحجة 1442 هـ» and «Saturday 19 March
// 2022».
func (s *sentence) dayMonth(k int) (written, int) {
	start := k
	wd := -1
	if m, ok := s.lx.Weekdays.At(s.toks, k); ok && s.word(k) != nil && s.word(k).Kind == arabic.Word && s.word(k).Norm < "\u0600" {
		wd, k = m.Val, k+m.N // English weekday inside the date
		if s.punct(k, ",") {
			k++
		}
	}
	first := 0
	dual := false
	if t := s.word(k); t != nil && t.Is("يومي") {
		dual, k = true, k+1
	}
	if t := s.word(k); t != nil && t.Norm == "من" {
		// «من الـ 25 إلى الـ 27 أغسطس»
		if d, l := s.dayNumber(k + 1); l > 0 {
			if u := s.word(k + 1 + l); u != nil && (u.Is("الي") || u.Is("حتي")) {
				if d2, l2 := s.dayNumber(k + 2 + l); l2 > 0 && s.lx.Months.Has(s.toks, k+2+l+l2) {
					first = d
					k = k + 2 + l
					_ = d2
				}
			}
		}
	}
	day, l := s.dayNumber(k)
	if l == 0 || day == 0 {
		return written{}, 0
	}
	j := k + l
	if dual {
		// «يومي 23 و24»: the first day dates the round.
		if t := s.word(j); t != nil && (t.Norm == "و") {
			j++
		}
		if _, l2 := s.dayNumber(j); l2 > 0 {
			first = day
			j += l2
		}
	}
	if s.punct(j, "-/") {
		j++
	}
	// Hijri months.
	if m, ok := s.lx.Hijri.At(s.toks, j); ok {
		if y, ok := s.num(j + m.N); ok && y > 1300 && y < 1600 {
			l := j + m.N + 1 - start
			if s.in(start+l, s.hijriMark) {
				l++
			}
			return s.hijriWritten(day, m.Val, y, l, fmt.Sprintf("%d/%d/%d", day, m.Val, y))
		}
	}
	month, n := s.monthAt(j)
	relYear := 0
	if n == 0 {
		if t := s.word(j); t != nil && t.Kind == arabic.Word && t.Norm == "من" {
			j++ // «15 من الشهر المقبل»
		}
		if month, relYear, n = s.relativeMonth(j); n == 0 {
			return written{}, 0
		}
	}
	j += n
	if s.punct(j, "-/,،") {
		if _, ok := s.num(j + 1); ok {
			j++
		}
	}
	w := written{weekday: wd, first: first}
	year, hasYear := s.num(j)
	if hasYear && year >= 1000 && year < 2200 {
		j++
		if s.in(j, s.gregMark) {
			j++
		}
	} else {
		hasYear = false
	}
	if relYear != 0 && !hasYear {
		year, hasYear = relYear, true // «الثاني من الشهر الجاري»
	}
	if !hasYear && relYear == 0 {
		// «يوم 12 جويلية الماضي»، «في 3 مارس المقبل»: the year before or
		// after publication that has that day.
		switch {
		case s.in(j, s.past):
			w.reading = -1
			j++
		case s.in(j, s.next):
			w.reading = 1
			j++
		}
	}
	if first > 0 {
		day = first
	}
	w.civil = civil{0, month, day}
	if hasYear {
		w.y = year
	}
	switch {
	case day < 1 || day > 31 || hasYear && !validDay(year, month, day):
		// «220 أبريل 2024»: the day is impossible, the month still stands.
		w.brokenDay = true
		w.d = 0
		w.precision = model.Month
		if !hasYear {
			w.precision = model.Unknown
		}
	default:
		w.precision = model.Day
	}
	return w, j - start
}

// monthAt matches a month name, allowing pairs «يونيو/ حزيران»، «أفريل/نيسان»،
// «أكتوبر/ تشرين الأول»، «آب (أغسطس)» and «تشرين ثاني/نوفمبر».
func (s *sentence) monthAt(j int) (int, int) {
	m, ok := s.lx.Months.At(s.toks, j)
	if !ok || s.word(j) == nil {
		return 0, 0
	}
	n := m.N
	for _, open := range []string{"/", "(", "-", "–"} {
		if s.punct(j+n, open) {
			if m2, ok := s.lx.Months.At(s.toks, j+n+1); ok && m2.Val == m.Val {
				n += 1 + m2.N
				if s.punct(j+n, ")") {
					n++
				}
				break
			}
		}
	}
	// «28 يناير كانون الثاني»: the same month in another family.
	if m2, ok := s.lx.Months.At(s.toks, j+n); ok && m2.Val == m.Val {
		n += m2.N
	}
	return m.Val, n
}

// relativeMonth reads «الشهر الجاري»، «الشهر الماضي»، «الشهر المقبل» after
// a day («الثاني من الشهر الجاري»): the month and year it is against
// publication, and the tokens it takes (0: none).
func (s *sentence) relativeMonth(j int) (month, year, n int) {
	if !s.a.Known() {
		return 0, 0, 0
	}
	if t := s.word(j); t == nil || t.Kind != arabic.Word || !t.Is("الشهر") {
		return 0, 0, 0
	}
	shift := 0
	switch {
	case s.in(j+1, s.current):
	case s.in(j+1, s.past):
		shift = -1
	case s.in(j+1, s.next):
		shift = 1
	default:
		return 0, 0, 0
	}
	m := time.Date(s.a.Pub.Year(), s.a.Pub.Month()+time.Month(shift), 1, 0, 0, 0, 0, time.UTC)
	return int(m.Month()), m.Year(), 2
}

// monthFirst reads «أغسطس 2025», «مارس ومايو ويونيو 2025» and English
// «December 6, 2023».
func (s *sentence) monthFirst(k int) (written, int) {
	month, n := s.monthAt(k)
	if n == 0 {
		return written{}, 0
	}
	j := k + n
	if d, ok := s.num(j); ok && d >= 1 && d <= 31 && s.punct(j+1, ",") {
		if y, ok := s.num(j + 2); ok && y >= 1000 && validDay(y, month, d) {
			return written{civil: civil{y, month, d}, precision: model.Day, weekday: -1}, j + 3 - k
		}
	}
	listFrom := 0
	for {
		// «مارس ومايو ويونيو 2025»: a list of months in one year.
		t := s.word(j)
		if t == nil || !t.ConjGlued() && t.Norm != "و" {
			break
		}
		jj := j
		if t.Norm == "و" {
			jj++
		}
		m2, ok := s.lx.Months.At(s.toks, jj)
		if !ok {
			break
		}
		if listFrom == 0 {
			listFrom = month
		}
		month = m2.Val
		j = jj + m2.N
	}
	if y, ok := s.num(j); ok && y >= 1000 && y < 2200 {
		j++
		if s.in(j, s.gregMark) {
			j++
		}
		return written{civil: civil{y, month, 0}, precision: model.Month, listFrom: listFrom, weekday: -1}, j - k
	}
	return written{}, 0
}

// resolveChain turns a chain into a resolved expression, checking its
// parts against each other: a weekday that contradicts a written date
// leaves the date to whatever agrees with it (today and its weekday
// outvote a slip like «الأربعاء الموافق الرابع من ديسمبر»).
func (s *sentence) resolveChain(c chain) Expr {
	e := Expr{From: c.from, To: c.to, Kind: Deictic, Weekday: c.wd, TimeOfDay: c.tod}
	a := s.a
	if c.date != nil && c.date.weekday >= 0 && c.wd < 0 {
		c.wd = c.date.weekday
	}
	// A written date.
	var w *model.Date
	if c.date != nil && c.date.precision != model.Unknown {
		d := s.writtenDate(*c.date, c.date.reading)
		w = &d
		if c.date.hijriDate != nil {
			e.Hijri = c.date.hijri
		}
	}
	// The deictic day and the weekday, against publication.
	var deic *time.Time
	if c.hasDeic && a.Known() {
		t := a.Pub.AddDate(0, 0, c.deictic)
		deic = &t
	}
	switch {
	case w != nil && w.Precision == model.Day:
		e.Kind = Absolute
		e.Date = *w
		day := w.Start
		if c.wd >= 0 && int(day.Weekday()) != c.wd {
			// The written date and its weekday disagree.
			e.Conflicting = true
			if deic != nil && int(deic.Weekday()) == c.wd {
				e.Date = a.resolved(model.DayOf(deic.Date()))
				e.Kind, e.Publication = Deictic, true
			}
		} else if deic != nil && !deic.Equal(day) && c.wd < 0 {
			e.Conflicting = true
		}
	case deic != nil:
		t := *deic
		if c.wd >= 0 && int(t.Weekday()) != c.wd {
			// «اليوم الخميس» in a paper stamped a day late: the weekday is
			// the text's own word.
			t = nearestWeekday(t, c.wd)
			e.Conflicting = true
		}
		e.Date = a.resolved(model.DayOf(t.Date()))
		e.Publication = true
		if w != nil && w.Precision == model.Month && !w.Contains(e.Date) {
			e.Conflicting = true
		}
	case c.hasDeic:
		e.Date = relative()
	case c.wd >= 0 && a.Known():
		e.Publication = true
		switch c.wdQual {
		case -1:
			e.Date = a.resolved(model.DayOf(weekdayPast(a.Pub, c.wd, true).Date()))
		case 1:
			e.Date = a.resolved(model.DayOf(weekdayNext(a.Pub, c.wd, true).Date()))
		default:
			e.Date = a.resolved(model.DayOf(weekdayPast(a.Pub, c.wd, false).Date()))
			f := a.resolved(model.DayOf(weekdayNext(a.Pub, c.wd, false).Date()))
			if !f.Start.Equal(e.Date.Start) {
				e.Future = &f
			}
		}
	case c.wd >= 0:
		e.Date = relative()
	case w != nil:
		e.Kind = Absolute
		e.Date = *w
	default:
		e.Date = relative()
	}
	if c.date != nil && c.date.hijriDate != nil {
		e.Hijri = c.date.hijri
	}
	if c.hijri != nil && c.hijri.hijriDate != nil {
		e.Hijri = c.hijri.hijri
		if w != nil && w.Precision == model.Day && !c.hijri.hijriDate.Start.Equal(w.Start) {
			hd := *c.hijri.hijriDate
			e.Calendar = &hd
		}
	}
	e.Date.TimeOfDay = c.tod
	if e.Future != nil {
		e.Future.TimeOfDay = c.tod
	}
	return e
}

// writtenDate turns a written date into a model date; a missing year comes
// from the anchor (reading: -1 past, +1 future, 0 nearest).
func (s *sentence) writtenDate(w written, reading int) model.Date {
	y := w.y
	derived := false
	if y == 0 {
		if !s.a.Known() {
			return relative()
		}
		y = yearFor(s.a.Pub, w.m, w.d, reading)
		derived = true
	}
	var d model.Date
	switch {
	case w.precision == model.Day && validDay(y, w.m, w.d):
		d = model.DayOf(y, time.Month(w.m), w.d)
	case w.listFrom > 0:
		from := dayTime(y, w.listFrom, 1)
		to := dayTime(y, w.m, 1).AddDate(0, 1, -1)
		d = spanDate(from, to)
	case w.m > 0:
		d = model.MonthOf(y, time.Month(w.m))
	default:
		return relative()
	}
	d.Basis = model.Basis{Kind: model.Written}
	if derived {
		d = s.a.resolved(d)
	}
	return d
}

// monthPhrase reads a month or year without a day: «في مارس الماضي»،
// «يونيو المقبل»، «مطلع أغسطس 2025»، «عام 2018»، «سنة 2017»، «في 2024».
func (s *sentence) monthPhrase(i int) (Expr, bool) {
	k := i
	mod := model.Exact
	switch {
	case s.in(k, s.startOf):
		mod, k = model.StartOf, k+1
	case s.in(k, s.endOf):
		mod, k = model.EndOf, k+1
	case s.in(k, s.midOf):
		mod, k = model.MidOf, k+1
	}
	if s.in(k, s.monthUnit) && s.lx.Months.Has(s.toks, k+1) {
		k++ // «شهر مارس»
	}
	if w, l := s.monthFirst(k); l > 0 {
		d := s.writtenDate(w, 0)
		d.Modifier = mod
		narrow(&d, mod)
		return Expr{From: i, To: k + l, Kind: Absolute, Date: d, Weekday: -1}, true
	}
	if month, n := s.monthAt(k); n > 0 {
		end := k + n
		qual := 0
		switch {
		case s.in(end, s.past):
			qual, end = -1, end+1
		case s.in(end, s.next):
			qual, end = 1, end+1
		case s.in(end, s.current):
			qual, end = 2, end+1
		}
		// A bare month needs a cue: «في آب»، «منذ مارس»، «شهر مارس»، a part of it.
		prev := s.word(i - 1)
		cued := qual != 0 || mod != model.Exact || k > i ||
			prev != nil && (prev.Is("في") || prev.Is("منذ") || prev.Is("خلال") || prev.Is("حتي") || prev.Is("بحلول") || s.in(i-1, s.monthUnit))
		if !cued {
			return Expr{}, false
		}
		if !s.a.Known() {
			return Expr{From: i, To: end, Kind: Absolute, Date: relative(), Weekday: -1}, true
		}
		pub := s.a.Pub
		pm := int(pub.Month())
		y := pub.Year()
		var fy int
		switch qual {
		case -1: // the last such month before this one
			if month >= pm {
				y--
			}
			fy = y
		case 1:
			if month <= pm {
				y++
			}
			fy = y
		case 2:
			fy = y
		default:
			if month > pm {
				y--
			}
			fy = pub.Year()
			if month < pm {
				fy++
			}
		}
		d := s.a.resolved(model.MonthOf(y, time.Month(month)))
		d.Modifier = mod
		narrow(&d, mod)
		e := Expr{From: i, To: end, Kind: Absolute, Date: d, Weekday: -1, Publication: true}
		if fy != y {
			f := s.a.resolved(model.MonthOf(fy, time.Month(month)))
			f.Modifier = mod
			narrow(&f, mod)
			e.Future = &f
		}
		return e, true
	}
	// Years: «عام 2018»، «سنة 2017»، «في 2024».
	if s.in(k, s.yearUnit) || k == i && s.word(i) != nil && s.word(i).Is("في") {
		if y, ok := s.num(k + 1); ok && y >= 1900 && y < 2200 && len(s.toks[k+1].Norm) == 4 && !(s.punct(k+2, "-/.") && func() bool { _, ok := s.num(k + 3); return ok }()) {
			// (not «في 2024/05/10»: a date written in full starts there)
			end := k + 2
			if s.in(end, s.gregMark) {
				end++
			}
			d := model.YearOf(y)
			d.Basis = model.Basis{Kind: model.Written}
			d.Modifier = mod
			narrow(&d, mod)
			from := i
			if k == i && s.word(i).Is("في") {
				from = i + 1
			}
			return Expr{From: from, To: end, Kind: Absolute, Date: d, Weekday: -1}, true
		}
	}
	return Expr{}, false
}

// narrow sets the bounds of a start/middle/end modifier: the first, middle
// or last third of the value's interval.
func narrow(d *model.Date, mod model.Modifier) {
	if !d.Known() || mod == model.Exact {
		return
	}
	from, to := d.Start, d.End
	third := to.Sub(from) / 3
	switch mod {
	case model.StartOf:
		to = from.Add(third)
	case model.EndOf:
		from = to.Add(-third)
	case model.MidOf:
		from, to = from.Add(third), to.Add(-third)
	}
	d.Earliest, d.Latest = model.CivilDay(from), model.CivilDay(to)
}

// period reads a week, month or year relative to publication, with an
// optional part of it: «مطلع العام الماضي»، «الشهر الجاري»، «هذا الأسبوع»،
// «العام الماضي»، «نهاية العام».
func (s *sentence) period(i int) (Expr, bool) {
	k := i
	mod := model.Exact
	switch {
	case s.in(k, s.startOf):
		mod, k = model.StartOf, k+1
	case s.in(k, s.endOf):
		mod, k = model.EndOf, k+1
	case s.in(k, s.midOf):
		mod, k = model.MidOf, k+1
	}
	this := false
	if s.in(k, s.this) {
		this, k = true, k+1
	}
	unit := ""
	switch {
	case s.in(k, s.weekUnit):
		unit = "week"
	case s.in(k, s.monthUnit):
		unit = "month"
	case s.in(k, s.yearUnit):
		unit = "year"
	default:
		return Expr{}, false
	}
	if t := s.word(k); t == nil || !t.An[0].Definite() && !t.Is("الاسبوع") && !t.Is("العام") && !t.Is("الشهر") && !t.Is("السنه") && !this {
		if t == nil || !(t.Is("الاسبوع") || t.Is("الشهر") || t.Is("العام") || t.Is("السنه")) {
			return Expr{}, false
		}
	}
	k++
	shift := 0
	switch {
	case s.in(k, s.past):
		shift, k = -1, k+1
	case s.in(k, s.next):
		shift, k = 1, k+1
	case s.in(k, s.current):
		k++
	case this || mod != model.Exact:
	default:
		return Expr{}, false // «العام» alone is not a date
	}
	if !s.a.Known() {
		return Expr{From: i, To: k, Kind: Period, Date: relative(), Weekday: -1}, true
	}
	pub := s.a.Pub
	var from, to time.Time
	switch unit {
	case "week":
		// Weeks in the Arab world start on Saturday.
		sat := pub.AddDate(0, 0, -((int(pub.Weekday()) + 1) % 7))
		from = sat.AddDate(0, 0, 7*shift)
		to = from.AddDate(0, 0, 6)
	case "month":
		from = time.Date(pub.Year(), pub.Month()+time.Month(shift), 1, 0, 0, 0, 0, time.UTC)
		to = from.AddDate(0, 1, -1)
	case "year":
		from = time.Date(pub.Year()+shift, 1, 1, 0, 0, 0, 0, time.UTC)
		to = from.AddDate(1, 0, -1)
	}
	var d model.Date
	switch unit {
	case "week":
		// A week is no calendar unit: the value is its last day that is not
		// after publication, about; the bounds are the week.
		v := to
		if v.After(pub) && !from.After(pub) {
			v = pub
		}
		d = approxDay(v, from, to)
	case "month":
		d = model.MonthOf(from.Year(), from.Month())
	default:
		d = model.YearOf(from.Year())
	}
	d.Modifier = mod
	if mod != model.Exact {
		if unit == "week" {
			d.Modifier = model.Approx
		} else {
			narrow(&d, mod)
		}
	}
	return Expr{From: i, To: k, Kind: Period, Date: s.a.resolved(d), Weekday: -1, Publication: true}, true
}

// agoPhrase reads «قبل يومين»، «قبل 3 أيام»، «قبل أيام»، «قبل أسبوع»،
// «منذ سنة», «قبل أكثر من 4 أشهر».
func (s *sentence) agoPhrase(i int) (Expr, bool) {
	if !s.in(i, s.before) && !s.in(i, s.ago) {
		return Expr{}, false
	}
	j := i + 1
	more := false
	if t := s.word(j); t != nil && (t.Is("اكثر") || t.Is("نحو") || t.Is("حوالي") || t.Is("قرابه")) {
		more = t.Is("اكثر")
		j++
		if u := s.word(j); u != nil && u.Is("من") {
			j++
		}
	}
	some := false
	if s.in(j, s.some) {
		some, j = true, j+1
	}
	n, hasN := s.num(j)
	if !hasN {
		if m, ok := s.lx.Numbers.At(s.toks, j); ok && s.word(j).Kind == arabic.Word && !s.word(j).An[0].Definite() && m.Val >= 3 && m.Val <= 10 {
			n, hasN = m.Val, true
			j += m.N - 1
		}
	}
	if hasN {
		j++
	}
	t := s.word(j)
	if t == nil {
		return Expr{}, false
	}
	if y, ok := s.num(j + 1); ok && y >= 1000 && !hasN {
		return Expr{}, false // «منذ عام 2011» is a year, bounding
	}
	var lo, hi int // days back, at least and at most
	switch {
	case t.Is("يومين"):
		lo, hi = 2, 2
	case t.Is("اسبوعين"):
		lo, hi = 12, 16
	case t.Is("شهرين"):
		lo, hi = 55, 65
	case t.Is("عامين") || t.Is("سنتين"):
		lo, hi = 700, 760
	case s.in(j, s.dayUnit) && hasN && n > 0 && n < 60:
		lo, hi = n, n
	case s.in(j, s.dayUnit) && !t.An[0].Definite():
		lo, hi = 2, 9 // «قبل أيام», «قبل بضعة أيام»
		if t.Is("يوم") && !some {
			lo, hi = 1, 1
		}
	case s.in(j, s.weekUnit) && hasN && n > 0 && n < 20:
		lo, hi = 7*n-2, 7*n+2
	case s.in(j, s.weekUnit) && !t.An[0].Definite():
		lo, hi = 5, 9
		if some || t.Is("اسابيع") {
			lo, hi = 14, 35
		}
	case s.in(j, s.monthUnit) && hasN && n > 0 && n < 40:
		lo, hi = 30*n-5, 30*n+5
	case s.in(j, s.monthUnit) && !t.An[0].Definite():
		lo, hi = 25, 35
		if some || t.Is("اشهر") || t.Is("شهور") {
			lo, hi = 60, 200
		}
	case s.in(j, s.yearUnit) && hasN && n > 0 && n < 100:
		lo, hi = 365*n-30, 365*n+30
	case s.in(j, s.yearUnit) && !t.An[0].Definite():
		lo, hi = 330, 400
	default:
		return Expr{}, false
	}
	if more {
		hi = hi * 2
	}
	e := Expr{From: i, To: j + 1, Kind: Ago, Weekday: -1, Publication: true}
	if !s.a.Known() {
		e.Date = relative()
		return e, true
	}
	pub := s.a.Pub
	from, to := pub.AddDate(0, 0, -hi), pub.AddDate(0, 0, -lo)
	switch {
	case lo == hi:
		e.Date = s.a.resolved(model.DayOf(to.Date()))
		if lo > 1 {
			// «قبل يومين» is loose in news: about, and a few days either way.
			e.Date.Modifier = model.Approx
			e.Date.Earliest, e.Date.Latest = pub.AddDate(0, 0, -(2*lo+1)), pub.AddDate(0, 0, -max(1, lo-1))
		}
	case hi <= 31:
		e.Date = s.a.resolved(approxDay(to, from, to))
	default:
		d := spanDate(from, to)
		if !d.Known() {
			d = model.YearOf(to.Year())
			d.Earliest, d.Latest = from, to
		}
		d.Modifier = model.Approx
		e.Date = s.a.resolved(d)
	}
	return e, true
}

// recent reads «مؤخرا», «في وقت سابق (اليوم)», «في وقت لاحق اليوم».
func (s *sentence) recent(i int) (Expr, bool) {
	if !s.a.Known() {
		if s.in(i, s.recently) {
			return Expr{From: i, To: i + 1, Kind: Recent, Date: relative(), Weekday: -1}, true
		}
		return Expr{}, false
	}
	pub := s.a.Pub
	switch {
	case s.in(i, s.recently):
		d := approxDay(pub, pub.AddDate(0, 0, -30), pub)
		return Expr{From: i, To: i + 1, Kind: Recent, Date: s.a.resolved(d), Weekday: -1, Publication: true}, true
	case s.word(i) != nil && s.word(i).Is("في") && s.word(i+1) != nil && s.word(i+1).Is("وقت"):
		t := s.word(i + 2)
		if t == nil {
			return Expr{}, false
		}
		switch {
		case t.Is("سابق"):
			end := i + 3
			// «في وقت سابق اليوم»، «في وقت سابق من يوم الاثنين»: the day given.
			if u := s.word(end); u != nil && u.Is("من") {
				if e, ok := s.dayPhrase(end + 1); ok {
					e.From = i
					return e, true
				}
			}
			if s.isToday(end) {
				return Expr{From: i, To: end + 1, Kind: Deictic, Date: s.a.resolved(model.DayOf(pub.Date())), Weekday: -1, Publication: true}, true
			}
			d := approxDay(pub, pub.AddDate(0, 0, -7), pub)
			return Expr{From: i, To: end, Kind: Recent, Date: s.a.resolved(d), Weekday: -1, Publication: true}, true
		case t.Is("لاحق"):
			end := i + 3
			if s.isToday(end) {
				end++
			}
			return Expr{From: i, To: end, Kind: Deictic, Date: s.a.resolved(model.DayOf(pub.Date())), Weekday: -1, Publication: true}, true
		}
	}
	return Expr{}, false
}

// duringPronoun reports a during-word carrying a pronoun: «خلالها»،
// «أثناءه».
func (s *sentence) duringPronoun(i int) bool {
	t := s.word(i)
	if t == nil || t.Kind != arabic.Word || len(t.Norm) > s.duringLen+len("هما") || len(t.Norm) < 2 {
		return false
	}
	if last := t.Norm[len(t.Norm)-2:]; last != "ه" && last != "ا" || !slices.Contains(s.duringHeads, headOf(t.Norm)) {
		// Every pronoun below ends in ه or ا, and the word starts as its
		// during-word does (of two letters or more: see len(stem) below).
		return false
	}
	for _, suf := range []string{"هما", "ها", "ه"} {
		if stem, ok := strings.CutSuffix(t.Norm, suf); ok && len(stem) > len(suf) && s.evDuring.Contains(stem) {
			return true
		}
	}
	return false
}

// headOf is a word's first two letters (the word, when shorter).
func headOf(w string) string {
	n := 0
	for i := range w {
		if n == 2 {
			return w[:i]
		}
		n++
	}
	return w
}

// eventLinked reads «قبل الزيارة بأيام»، «بعد يوم من زيارة …»، «عقب
// المحادثات»، «قبيل القمة»، «عشية …»، «خلال الزيارة»، «على هامش القمة»،
// «في إطار زيارته»: the noun names the event this one is placed against.
func (s *sentence) eventLinked(i int) (Expr, bool) {
	rel := During
	j := i + 1
	minD, maxD := 0, 0
	switch {
	case s.in(i, s.evEve):
		rel, minD, maxD = EveOf, 1, 1
	case s.in(i, s.evBefore):
		rel, minD, maxD = BeforeIt, 1, 7
		if s.word(i).Is("قبيل") {
			minD, maxD = 0, 2
		}
	case s.in(i, s.evAfter):
		rel, minD, maxD = AfterIt, 0, 7
		if s.word(i).Is("عقب") || s.word(i).Is("اثر") || s.word(i).Is("غداه") {
			minD, maxD = 0, 2
		}
	case s.in(i, s.evDuring):
		rel = During
		if s.word(i).Is("هامش") {
			if p := s.word(i - 1); p == nil || !p.Is("علي") {
				return Expr{}, false
			}
		}
	case s.word(i) != nil && s.word(i).Is("في") && s.word(i+1) != nil && s.word(i+1).Is("اطار"):
		rel, j = During, i+2
	default:
		// «يلتقي خلالها»: the pronoun stands for the event just told.
		if s.duringPronoun(i) {
			return Expr{From: i, To: i + 1, Kind: EventLinked, Rel: During, Noun: -1, Weekday: -1}, true
		}
		return Expr{}, false
	}
	// «بعد نحو عشرة أشهر من زيارة»، «قبل ثلاثة أسابيع من القمة»، «بعد
	// عامين من …»: a count of a unit, about or exact.
	if rel != During {
		k := j
		about := false
		if t := s.word(k); t != nil && (t.Is("نحو") || t.Is("حوالي") || t.Is("قرابه")) {
			about, k = true, k+1
		}
		n, l := 0, 0
		if v, ok := s.num(k); ok && v > 0 && v < 400 {
			n, l = v, 1
		} else if m, ok := s.lx.Numbers.At(s.toks, k); ok && m.Val > 0 {
			n, l = m.Val, m.N
		}
		if l > 0 || about {
			if n == 0 {
				n = 1
			}
			u := k + l
			days := 0
			switch {
			case s.in(u, s.dayUnit):
				days = 1
			case s.in(u, s.weekUnit):
				days = 7
			case s.in(u, s.monthUnit):
				days = 30
			case s.in(u, s.yearUnit):
				days = 365
			}
			if t := s.word(u + 1); days > 0 && t != nil && t.Is("من") && (n > 1 || l > 0) {
				lo, hi := n*days, n*days
				if about || days >= 30 {
					lo, hi = lo-lo/5, hi+hi/5
				}
				minD, maxD = lo, hi
				j = u + 2
			}
		}
	}
	if t := s.word(j); t != nil && (s.in(j, s.dayUnit) || t.Is("يومين") || s.in(j, s.weekUnit)) && rel != During {
		lo, hi := 1, 1
		switch {
		case t.Is("يومين"):
			lo, hi = 2, 2
		case t.Is("ايام"):
			lo, hi = 2, 7
		case s.in(j, s.weekUnit):
			lo, hi = 6, 8
		}
		if u := s.word(j + 1); u != nil && u.Is("من") {
			minD, maxD = lo, hi
			j += 2
		}
	}
	n := 1
	if m, ok := s.lx.Triggers.At(s.toks, j); ok && !m.Val.Verb {
		n = m.N
	} else if !s.in(j, s.occasions) {
		return Expr{}, false
	}
	e := Expr{From: i, To: j + n, Kind: EventLinked, Rel: rel, Noun: j, MinDays: minD, MaxDays: maxD, Weekday: -1}
	// «قبل الزيارة بأيام»، «بعد القمة بيومين»
	k := j + n
	if t := s.word(k); t != nil && rel != During {
		for _, a := range t.An {
			if !strings.HasPrefix(a.Pre, "ب") {
				continue
			}
			switch {
			case a.Stem == "ايام":
				e.MinDays, e.MaxDays, e.To = 2, 7, k+1
			case a.Stem == "يوم" || a.Stem == "يوما":
				e.MinDays, e.MaxDays, e.To = 1, 1, k+1
			case a.Stem == "يومين":
				e.MinDays, e.MaxDays, e.To = 2, 2, k+1
			case a.Stem == "ساعات":
				e.MinDays, e.MaxDays, e.To = 0, 1, k+1
			}
		}
	}
	return e, true
}
