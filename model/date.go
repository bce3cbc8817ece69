package model

import (
	"fmt"
	"strconv"
	"time"
)

// Precision says how much of a date's value is known: the granularity at
// which it is displayed and exported.
type Precision int

// Precisions from least to most precise.
const (
	Unknown Precision = iota
	Year
	Month
	Day
)

// String returns the precision's export name.
func (p Precision) String() string {
	switch p {
	case Year:
		return "year"
	case Month:
		return "month"
	case Day:
		return "day"
	}
	return "unknown"
}

// Modifier qualifies a date's value, as TIMEX3's mod does.
type Modifier int

// Modifiers.
const (
	Exact      Modifier = iota // the value is the date
	Approx                     // about the value (assumed, «قبل أيام», «مؤخرا»)
	OnOrBefore                 // at the latest the value («قبيل», «بحلول»)
	OnOrAfter                  // at the earliest the value (a departure: the arrival is on or after it)
	StartOf                    // in the first part of the value («مطلع أغسطس»)
	MidOf                      // in its middle («منتصف الشهر»)
	EndOf                      // in its last part («أواخر العام»)
)

var modifierNames = [...]string{"exact", "approximately", "on or before", "on or after", "start of", "middle of", "end of"}

// String returns the modifier's export name.
func (m Modifier) String() string {
	if int(m) < len(modifierNames) && m >= 0 {
		return modifierNames[m]
	}
	return "exact"
}

// BasisKind says what a date was resolved from.
type BasisKind int

// What a date can be resolved from.
const (
	Written       BasisKind = iota // written in full in the text («26 يوليو 2021»)
	Publication                    // a relative expression, against the publication date («أمس»)
	EventRelative                  // relative to another event («خلال الزيارة», «قبل القمة بأيام»)
	Context                        // from the article's context: the date of the story around it
	Assumed                        // undated in the text: assumed from the publication date
	Relative                       // relative, and the publication date is unknown
	Stated                         // the article states its own publication date
)

var basisNames = [...]string{"written", "publication", "event", "context", "assumed", "relative", "stated"}

// String returns the basis kind's export name.
func (k BasisKind) String() string {
	if int(k) < len(basisNames) && k >= 0 {
		return basisNames[k]
	}
	return "written"
}

// Basis is how a date was resolved: its kind, the source whose publication
// date anchored it, the sentence it was taken from (1-based), and for an
// event-relative date the event it leans on.
type Basis struct {
	Kind     BasisKind
	Source   string
	Anchor   time.Time // the publication date used
	Sentence int
	Event    string // the event an event-relative date leans on, as written («الزيارة»)
}

// String says it in English, for exports: "from the publication date of
// 002_… (2021-07-28)".
func (b Basis) String() string {
	switch b.Kind {
	case Written:
		return "written in full in the text"
	// Concatenated rather than formatted: an export says it for every
	// event.
	case Publication:
		return "from the publication date of " + b.Source + " (" + ISODate(b.Anchor) + ")"
	case EventRelative:
		return "relative to another event (" + b.Event + ")"
	case Context:
		return "from the context of the article (sentence " + strconv.Itoa(b.Sentence) + ")"
	case Assumed:
		return "undated in the text; assumed from the publication date of " + b.Source + " (" + ISODate(b.Anchor) + ")"
	case Relative:
		return "relative; the publication date is unknown"
	case Stated:
		return "stated in the article"
	}
	return ""
}

// Date is when an event took place: a value at a precision (Start–End is
// the value's calendar interval: one day, a month or a year), the bounds
// the evidence allows (Earliest–Latest, which may be wider or narrower than
// the value's interval), a modifier, and how it was reached. Display and
// export use the value; merging uses the bounds. All times are civil days
// at UTC midnight, intervals inclusive.
type Date struct {
	Start     time.Time
	End       time.Time
	Precision Precision
	Earliest  time.Time // zero: the value's interval
	Latest    time.Time
	Modifier  Modifier
	TimeOfDay string // morning/noon/evening key, if any
	Expr      string // the expression as written («الثلاثاء», «يونيو الماضي»)
	Basis     Basis
}

// DayOf returns a day-precision date.
func DayOf(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{Start: t, End: t, Precision: Day}
}

// MonthOf returns a month-precision date.
func MonthOf(y int, m time.Month) Date {
	s := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return Date{Start: s, End: s.AddDate(0, 1, -1), Precision: Month}
}

// YearOf returns a year-precision date.
func YearOf(y int) Date {
	s := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	return Date{Start: s, End: time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC), Precision: Year}
}

// CivilDay returns the civil day of t.
func CivilDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// At returns a date of precision p whose value contains t.
func At(t time.Time, p Precision) Date {
	switch p {
	case Day:
		return DayOf(t.Date())
	case Month:
		return MonthOf(t.Year(), t.Month())
	case Year:
		return YearOf(t.Year())
	}
	return Date{}
}

// Span returns the most precise date whose value contains every day from
// start to end: a day, a month, a year, or unknown when it crosses years.
// Its bounds are exactly start–end.
func Span(start, end time.Time) Date {
	var d Date
	switch {
	case start.Equal(end):
		d = DayOf(start.Date())
	case start.Year() == end.Year() && start.Month() == end.Month():
		d = MonthOf(start.Year(), start.Month())
	case start.Year() == end.Year():
		d = YearOf(start.Year())
	default:
		return Date{}
	}
	d.Earliest, d.Latest = start, end
	return d
}

// Known reports whether the date places the event anywhere in time.
func (d Date) Known() bool { return d.Precision != Unknown }

// Bounds returns the earliest and latest day the event may fall on.
func (d Date) Bounds() (time.Time, time.Time) {
	lo, hi := d.Earliest, d.Latest
	if lo.IsZero() {
		lo = d.Start
	}
	if hi.IsZero() {
		hi = d.End
	}
	return lo, hi
}

// String formats the date's value as YYYY-MM-DD, YYYY-MM, YYYY or "".
func (d Date) String() string {
	switch d.Precision {
	case Day:
		return string(appendISO(nil, d.Start, 3))
	case Month:
		return string(appendISO(nil, d.Start, 2))
	case Year:
		return string(appendISO(nil, d.Start, 1))
	}
	return ""
}

// ISODate is t's day as YYYY-MM-DD.
func ISODate(t time.Time) string { return string(appendISO(nil, t, 3)) }

var isoLayouts = [...]string{1: "2006", 2: "2006-01", 3: "2006-01-02"}

// appendISO appends the first parts (1 to 3) of t's YYYY-MM-DD as
// time.Format writes them, without its layout parser: an export writes
// three dates per event.
func appendISO(b []byte, t time.Time, parts int) []byte {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(b, isoLayouts[parts])
	}
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	if parts >= 2 {
		b = append(b, '-', byte('0'+m/10), byte('0'+m%10))
	}
	if parts >= 3 {
		b = append(b, '-', byte('0'+d/10), byte('0'+d%10))
	}
	return b
}

// Contains reports whether the value of d contains the value of o.
func (d Date) Contains(o Date) bool {
	if !d.Known() || !o.Known() {
		return false
	}
	return !o.Start.Before(d.Start) && !o.End.After(d.End)
}

// Overlaps reports whether the bounds of two known dates share a day.
func (d Date) Overlaps(o Date) bool {
	if !d.Known() || !o.Known() {
		return false
	}
	a0, a1 := d.Bounds()
	b0, b1 := o.Bounds()
	return !a0.After(b1) && !b0.After(a1)
}

// Before orders dates by the start of their value, then by precision
// (coarser first, so "July 2021" comes before "26 July 2021"), with unknown
// dates last.
func (d Date) Before(o Date) bool {
	if d.Known() != o.Known() {
		return d.Known()
	}
	if !d.Start.Equal(o.Start) {
		return d.Start.Before(o.Start)
	}
	return d.Precision < o.Precision
}

// ParseDate reads YYYY-MM-DD, YYYY-MM or YYYY into a date of that precision.
func ParseDate(s string) (Date, error) {
	for _, f := range []struct {
		layout string
		p      Precision
	}{{"2006-01-02", Day}, {"2006-01", Month}, {"2006", Year}} {
		if t, err := time.Parse(f.layout, s); err == nil {
			if t.Year() < 1 || t.Year() > 9998 {
				break
			}
			return At(t, f.p), nil
		}
	}
	return Date{}, fmt.Errorf("bad date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}
