package timeline

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hablullah/go-hijri"

	"khatt/model"
)

// dateExpr is a time expression found in a sentence: tokens [from, to).
type dateExpr struct {
	from, to int
	date     model.Date
	// calendar is set when a Hijri date and its Gregorian equivalent
	// ("الموافق") disagree: the Hijri side, converted.
	calendar *model.Date
	hijri    string // the Hijri date as written, when there was one
}

// anchor is what relative expressions resolve against.
type anchor struct {
	pub    time.Time // publication day; zero when unknown
	source string    // source ID, for the resolution note
}

func (a anchor) known() bool { return !a.pub.IsZero() }

// resolved fills the bookkeeping of a date derived from the anchor.
func (a anchor) resolved(d model.Date, expr string) model.Date {
	d.Expr = expr
	d.Basis = model.Basis{Kind: model.Publication, Source: a.source, Anchor: a.pub}
	return d
}

// relative records an expression that cannot be resolved without a
// publication date: it stays as written, of unknown precision.
func relative(expr string) model.Date {
	return model.Date{Expr: expr, Basis: model.Basis{Kind: model.Relative}}
}

var (
	pastWords    = wordSet("الماضي", "الماضيه", "المنصرم", "المنصرمه", "السابق", "الفائت")
	nextWords    = wordSet("المقبل", "المقبله", "القادم", "القادمه")
	currentWords = wordSet("الحالي", "الحاليه", "الجاري", "الجاريه")
	yearWords    = wordSet("عام", "العام", "سنه", "السنه")
	monthWords   = wordSet("شهر", "الشهر")
	weekWords    = wordSet("الاسبوع", "اسبوع")
	startWords   = wordSet("مطلع", "بدايه", "اوائل", "اول", "مستهل")
	endWords     = wordSet("نهايه", "اواخر", "اخر", "ختام")
	midWords     = wordSet("منتصف", "اواسط")
	dayWord      = wordSet("يوم")
	beforeWord   = wordSet("قبل")
	hijriMarks   = wordSet("ه", "هـ", "هجري", "هجريه", "للهجره")
	sameAs       = wordSet("الموافق", "الموافقه", "الموافق ل", "موافق")
	monthPrep    = wordSet("في", "منذ", "خلال", "شهر", "الشهر", "مطلع", "نهايه", "منتصف", "اواخر", "اوائل", "مستهل", "حتى", "بحلول")
	todayWord    = wordSet("اليوم")
	yesterday    = wordSet("امس")
	tomorrow     = wordSet("غدا")
	firstWord    = wordSet("الاول", "اول")
)

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[Normalize(w)] = true
	}
	return m
}

// is reports whether token i exists and one of its forms is in set.
func is(toks []Token, i int, set map[string]bool) bool {
	if i < 0 || i >= len(toks) || toks[i].Kind == Punct {
		return false
	}
	for _, f := range toks[i].Forms {
		if set[f] {
			return true
		}
	}
	return false
}

func num(toks []Token, i int) (int, bool) {
	if i < 0 || i >= len(toks) || toks[i].Kind != Number {
		return 0, false
	}
	n, err := strconv.Atoi(toks[i].Norm)
	return n, err == nil
}

func punctIs(toks []Token, i int, chars string) bool {
	return i >= 0 && i < len(toks) && toks[i].Kind == Punct && strings.Contains(chars, toks[i].Raw)
}

// findDates returns the time expressions of a sentence, resolved against a.
func (lx *Lexicon) findDates(text string, toks []Token, a anchor) []dateExpr {
	var out []dateExpr
	for i := 0; i < len(toks); {
		e, ok := lx.dateAt(toks, i, a)
		if !ok {
			i++
			continue
		}
		e = lx.withTimeOfDay(toks, e)
		e.date.Expr = strings.TrimSpace(text[toks[e.from].Start:toks[e.to-1].End])
		out = append(out, e)
		i = e.to
	}
	return lx.pairCalendars(text, toks, out)
}

// withTimeOfDay widens an expression over a time-of-day word before it
// ("صباح الثلاثاء", "ظهر اليوم") or after it ("الثلاثاء مساء").
func (lx *Lexicon) withTimeOfDay(toks []Token, e dateExpr) dateExpr {
	for j := max(0, e.from-2); j < e.from; j++ {
		if tod, n := lx.times.match(toks, j); n > 0 && j+n == e.from {
			e.date.TimeOfDay = tod.key
			e.from = j
			return e
		}
	}
	if tod, n := lx.times.match(toks, e.to); n > 0 {
		e.date.TimeOfDay = tod.key
		e.to += n
	}
	return e
}

// dateStarters are the words a relative time expression can begin with.
var dateStarters = func() map[string]bool {
	m := map[string]bool{}
	for _, set := range []map[string]bool{todayWord, yesterday, tomorrow, firstWord, weekWords, monthWords, yearWords,
		startWords, endWords, midWords, beforeWord, dayWord} {
		for w := range set {
			m[w] = true
		}
	}
	m["هذا"], m["هذه"] = true, true
	return m
}()

// canStartDate is a cheap test before trying every pattern at token i.
func (lx *Lexicon) canStartDate(t Token) bool {
	if t.Kind == Number {
		return true
	}
	if t.Kind != Word {
		return false
	}
	for _, f := range t.Forms {
		if dateStarters[f] {
			return true
		}
		if _, ok := lx.months.first[f]; ok {
			return true
		}
		if _, ok := lx.weekdays.first[f]; ok {
			return true
		}
	}
	return false
}

// dateAt tries every pattern at token i.
func (lx *Lexicon) dateAt(toks []Token, i int, a anchor) (dateExpr, bool) {
	if !lx.canStartDate(toks[i]) {
		return dateExpr{}, false
	}
	if e, ok := numericDate(toks, i); ok {
		return e, true
	}
	if e, ok := lx.writtenDate(toks, i, a); ok {
		return e, true
	}
	if e, ok := lx.weekdayDate(toks, i, a); ok {
		return e, true
	}
	return lx.relativeDate(toks, i, a)
}

// numericDate reads 18-08-2020, 26/7/2021 and 2021-07-26.
func numericDate(toks []Token, i int) (dateExpr, bool) {
	x, ok1 := num(toks, i)
	y, ok2 := num(toks, i+2)
	z, ok3 := num(toks, i+4)
	if !ok1 || !ok2 || !ok3 || !punctIs(toks, i+1, "-/.") || toks[i+1].Raw != toks[i+3].Raw {
		return dateExpr{}, false
	}
	// The pieces must be written together: "18-08-2020", not "18 - 08".
	if toks[i+1].Start != toks[i].End || toks[i+2].Start != toks[i+1].End {
		return dateExpr{}, false
	}
	d, m, yr := x, y, z
	if x >= 1000 {
		yr, m, d = x, y, z
	}
	if !validDay(yr, m, d) {
		return dateExpr{}, false
	}
	return dateExpr{from: i, to: i + 5, date: model.DayOf(yr, time.Month(m), d)}, true
}

func validDay(y, m, d int) bool {
	if y < 1000 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// monthAt matches a Gregorian month name, allowing "يونيو/ حزيران" pairs.
func (lx *Lexicon) monthAt(toks []Token, i int) (month, n int) {
	month, n = lx.months.match(toks, i)
	if n == 0 {
		return 0, 0
	}
	if punctIs(toks, i+n, "/(-") {
		if m2, n2 := lx.months.match(toks, i+n+1); n2 > 0 && m2 == month {
			n += 1 + n2
			if punctIs(toks, i+n, ")") {
				n++
			}
		}
	}
	return month, n
}

// writtenDate reads "26 يوليو 2021", "تموز 2021", "15 ذي الحجة 1442 هـ",
// "يونيو الماضي", "في يونيو" and "عام 2020".
func (lx *Lexicon) writtenDate(toks []Token, i int, a anchor) (dateExpr, bool) {
	day, hasDay := num(toks, i)
	j := i
	if hasDay && day >= 1 && day <= 31 {
		j++
	} else {
		hasDay = false
	}
	if hm, n := lx.hijri.match(toks, j); n > 0 && hasDay {
		if y, ok := num(toks, j+n); ok && y > 1300 && y < 1600 {
			end := j + n + 1
			if is(toks, end, hijriMarks) {
				end++
			}
			g := hijri.UmmAlQuraDate{Year: int64(y), Month: int64(hm), Day: int64(day)}.ToGregorian()
			d := model.DayOf(g.Date())
			e := dateExpr{from: i, to: end, date: d}
			e.hijri = fmt.Sprintf("%d/%d/%d", day, hm, y)
			return e, true
		}
	}
	month, n := lx.monthAt(toks, j)
	if n > 0 {
		end := j + n
		year, hasYear := num(toks, end)
		if hasYear && year >= 1000 && year < 2200 {
			end++
		} else {
			hasYear = false
		}
		if !hasDay && !hasYear && !is(toks, i-1, monthPrep) && !is(toks, end, pastWords) &&
			!is(toks, end, nextWords) && !is(toks, end, currentWords) {
			return dateExpr{}, false // آب, مارس, أيار alone are too often other words
		}
		var y int
		switch {
		case hasYear:
			y = year
		case !a.known():
			return dateExpr{from: i, to: end + skipQualifier(toks, end), date: relative("")}, true
		default:
			y = a.pub.Year()
			switch {
			case is(toks, end, nextWords):
				if month <= int(a.pub.Month()) {
					y++
				}
			case is(toks, end, currentWords):
			default: // "يونيو الماضي", or a bare month: the latest one not after publication
				if month > int(a.pub.Month()) || (month == int(a.pub.Month()) && is(toks, end, pastWords)) {
					y--
				}
			}
			end += skipQualifier(toks, end)
		}
		var d model.Date
		if hasDay {
			if !validDay(y, month, day) {
				return dateExpr{}, false
			}
			d = model.DayOf(y, time.Month(month), day)
		} else {
			d = model.MonthOf(y, time.Month(month))
		}
		if !hasYear {
			d = a.resolved(d, "")
		}
		return dateExpr{from: i, to: end, date: d}, true
	}
	if hasDay {
		return dateExpr{}, false
	}
	if is(toks, i, yearWords) {
		if y, ok := num(toks, i+1); ok && y >= 1900 && y < 2200 {
			return dateExpr{from: i, to: i + 2, date: model.YearOf(y)}, true
		}
	}
	return dateExpr{}, false
}

func skipQualifier(toks []Token, i int) int {
	if is(toks, i, pastWords) || is(toks, i, nextWords) || is(toks, i, currentWords) {
		return 1
	}
	return 0
}

// weekdayDate reads "الثلاثاء", "يوم الأربعاء الماضي", "الخميس المقبل". A
// bare weekday is the latest such day on or before publication.
func (lx *Lexicon) weekdayDate(toks []Token, i int, a anchor) (dateExpr, bool) {
	from := i
	if is(toks, i, dayWord) {
		i++
	}
	wd, n := lx.weekdays.match(toks, i)
	if n == 0 {
		return dateExpr{}, false
	}
	end := i + n
	// "الخميس 8 يناير 2026": the explicit date that follows says it all.
	if e, ok := lx.writtenDate(toks, end, a); ok && e.date.Precision == model.Day {
		e.from = from
		return e, true
	}
	if e, ok := numericDate(toks, end); ok {
		e.from = from
		return e, true
	}
	past, next := is(toks, end, pastWords), is(toks, end, nextWords)
	if past || next {
		end++
	}
	if !a.known() {
		return dateExpr{from: from, to: end, date: relative("")}, true
	}
	back := (int(a.pub.Weekday()) - wd + 7) % 7
	var t time.Time
	switch {
	case next:
		fwd := (wd - int(a.pub.Weekday()) + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		t = a.pub.AddDate(0, 0, fwd)
	case past && back == 0:
		t = a.pub.AddDate(0, 0, -7)
	default:
		t = a.pub.AddDate(0, 0, -back)
	}
	return dateExpr{from: from, to: end, date: a.resolved(model.DayOf(t.Date()), "")}, true
}

// relativeDate reads اليوم، أمس، أمس الأول، غدا، الأسبوع/الشهر/العام
// الماضي، هذا العام، مطلع/نهاية العام، قبل يومين.
func (lx *Lexicon) relativeDate(toks []Token, i int, a anchor) (dateExpr, bool) {
	var from, to time.Time
	end := i
	pub := a.pub
	switch {
	case is(toks, i, todayWord):
		from, to, end = pub, pub, i+1
	case is(toks, i, firstWord) && is(toks, i+1, yesterday):
		from, end = pub.AddDate(0, 0, -2), i+2
		to = from
	case is(toks, i, yesterday):
		from, end = pub.AddDate(0, 0, -1), i+1
		if is(toks, i+1, firstWord) {
			from, end = pub.AddDate(0, 0, -2), i+2
		}
		to = from
	case is(toks, i, tomorrow):
		from, end = pub.AddDate(0, 0, 1), i+1
		to = from
	case is(toks, i, weekWords) || is(toks, i, monthWords) || is(toks, i, yearWords) ||
		(toks[i].Norm == "هذا" && (is(toks, i+1, monthWords) || is(toks, i+1, yearWords) || is(toks, i+1, weekWords))) ||
		((is(toks, i, startWords) || is(toks, i, endWords) || is(toks, i, midWords)) && (is(toks, i+1, yearWords) || is(toks, i+1, monthWords) || is(toks, i+1, weekWords))):
		return lx.periodDate(toks, i, a)
	case is(toks, i, beforeWord):
		return beforeDate(toks, i, a)
	default:
		return dateExpr{}, false
	}
	if !a.known() {
		return dateExpr{from: i, to: end, date: relative("")}, true
	}
	return dateExpr{from: i, to: end, date: a.resolved(spanKeep(from, to), "")}, true
}

// spanKeep is model.Span that keeps the exact interval, so that "نهاية العام
// الحالي" is known to lie after a July publication date although its
// precision is only the year.
func spanKeep(from, to time.Time) model.Date {
	d := model.Span(from, to)
	if d.Known() {
		d.Start, d.End = from, to
	}
	return d
}

// periodDate reads a week, month or year relative to publication, with an
// optional part of it: "مطلع العام الماضي", "الشهر الجاري", "هذا الأسبوع".
func (lx *Lexicon) periodDate(toks []Token, i int, a anchor) (dateExpr, bool) {
	start := i
	part := ""
	switch {
	case is(toks, i, startWords):
		part, i = "start", i+1
	case is(toks, i, endWords):
		part, i = "end", i+1
	case is(toks, i, midWords):
		part, i = "mid", i+1
	}
	this := false
	if toks[i].Norm == "هذا" || toks[i].Norm == "هذه" {
		this, i = true, i+1
	}
	unit := ""
	switch {
	case is(toks, i, weekWords):
		unit = "week"
	case is(toks, i, monthWords):
		unit = "month"
	case is(toks, i, yearWords):
		unit = "year"
	default:
		return dateExpr{}, false
	}
	i++
	shift := 0
	switch {
	case is(toks, i, pastWords):
		shift, i = -1, i+1
	case is(toks, i, nextWords):
		shift, i = 1, i+1
	case is(toks, i, currentWords):
		i++
	case this:
	case part != "":
		// "نهاية العام" alone means the current year.
	default:
		return dateExpr{}, false // "العام" alone is not a date
	}
	if !a.known() {
		return dateExpr{from: start, to: i, date: relative("")}, true
	}
	pub := a.pub
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
	if part != "" && unit != "week" {
		span := to.Sub(from) / 3
		switch part {
		case "start":
			to = from.Add(span)
		case "end":
			from = to.Add(-span)
		case "mid":
			from, to = from.Add(span), to.Add(-span)
		}
		from = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
		to = time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC)
	}
	return dateExpr{from: start, to: i, date: a.resolved(spanKeep(from, to), "")}, true
}

var (
	twoDays   = wordSet("يومين")
	days      = wordSet("ايام")
	someDays  = wordSet("بضعه", "عده")
	weekUnit  = wordSet("اسبوع")
	twoWeeks  = wordSet("اسبوعين")
	monthUnit = wordSet("شهر")
)

// beforeDate reads "قبل يومين", "قبل 3 أيام", "قبل أيام", "قبل أسبوع".
func beforeDate(toks []Token, i int, a anchor) (dateExpr, bool) {
	var lo, hi, end int
	j := i + 1
	if is(toks, j, someDays) {
		j++
	}
	n, hasN := num(toks, j)
	switch {
	case is(toks, j, twoDays):
		lo, hi, end = 2, 2, j+1
	case hasN && is(toks, j+1, days) && n > 0 && n < 30:
		lo, hi, end = n, n, j+2
	case is(toks, j, days):
		lo, hi, end = 2, 7, j+1
	case is(toks, j, weekUnit):
		lo, hi, end = 5, 9, j+1
	case is(toks, j, twoWeeks):
		lo, hi, end = 12, 16, j+1
	case is(toks, j, monthUnit):
		lo, hi, end = 25, 35, j+1
	default:
		return dateExpr{}, false
	}
	if !a.known() {
		return dateExpr{from: i, to: end, date: relative("")}, true
	}
	d := spanKeep(a.pub.AddDate(0, 0, -hi), a.pub.AddDate(0, 0, -lo))
	return dateExpr{from: i, to: end, date: a.resolved(d, "")}, true
}

// pairCalendars joins a Hijri date with the Gregorian one written beside it
// after "الموافق": the Gregorian date is kept, and a disagreement between
// the two is recorded for a conflict.
func (lx *Lexicon) pairCalendars(text string, toks []Token, es []dateExpr) []dateExpr {
	for k := 0; k+1 < len(es); k++ {
		h, g := es[k], es[k+1]
		if (h.hijri == "") == (g.hijri == "") || g.from-h.to > 3 {
			continue
		}
		between := false
		for j := h.to; j < g.from; j++ {
			if is(toks, j, sameAs) {
				between = true
			}
		}
		if !between && g.from != h.to {
			continue
		}
		if g.hijri != "" {
			h, g = g, h
		}
		merged := g
		merged.from, merged.to = min(h.from, g.from), max(h.to, g.to)
		merged.date.Expr = strings.TrimSpace(text[toks[merged.from].Start:toks[merged.to-1].End])
		merged.hijri = h.hijri
		if h.date.String() != g.date.String() {
			hd := h.date
			merged.calendar = &hd
		}
		es = append(es[:k], append([]dateExpr{merged}, es[k+2:]...)...)
	}
	return es
}
