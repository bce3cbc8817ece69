package model

import (
	"fmt"
	"time"
)

// Precision says how much of a date is known.
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

// Date is a calendar interval with the precision the evidence supports.
// Start and End are civil days (UTC midnight), End inclusive. A date of
// unknown precision may still carry the expression it came from (Expr), when
// it is relative and nothing anchors it.
type Date struct {
	Start     time.Time
	End       time.Time
	Precision Precision
	TimeOfDay string // morning/noon/evening word as written, if any
	Expr      string // the expression as written ("الثلاثاء", "يونيو الماضي")
	Basis     Basis  // how it was resolved
}

// BasisKind says what a date was resolved from.
type BasisKind int

// What a date can be resolved from.
const (
	Explicit    BasisKind = iota // written in full in the text ("26 يوليو 2021")
	Publication                  // a relative expression, against the publication date
	Context                      // the date of another event of the same article
	Reported                     // undated: the interval around publication a report implies
	Relative                     // relative, and the publication date is unknown
	Stated                       // the article states its own publication date
)

// Basis is how a date was resolved: its kind, the source whose publication
// date anchored it, and the sentence it was taken from (1-based, for Context).
type Basis struct {
	Kind     BasisKind
	Source   string
	Anchor   time.Time // the publication date used
	Sentence int
}

// String says it in English, for exports: "from the publication date of
// 002_… (2021-07-28)".
func (b Basis) String() string {
	switch b.Kind {
	case Publication:
		return fmt.Sprintf("from the publication date of %s (%s)", b.Source, b.Anchor.Format("2006-01-02"))
	case Context:
		return fmt.Sprintf("from the context of the article (sentence %d)", b.Sentence)
	case Reported:
		return fmt.Sprintf("undated in the text; reported around the publication date of %s (%s)", b.Source, b.Anchor.Format("2006-01-02"))
	case Relative:
		return "relative; the publication date is unknown"
	case Stated:
		return "stated in the article"
	}
	return ""
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

// Span returns the least precise date that is still true of every day from
// start to end: a day, a month, a year, or unknown when it crosses years.
func Span(start, end time.Time) Date {
	switch {
	case start.Equal(end):
		return DayOf(start.Date())
	case start.Year() == end.Year() && start.Month() == end.Month():
		return MonthOf(start.Year(), start.Month())
	case start.Year() == end.Year():
		return YearOf(start.Year())
	}
	return Date{}
}

// Known reports whether the date places the event anywhere in time.
func (d Date) Known() bool { return d.Precision != Unknown }

// String formats the date as YYYY-MM-DD, YYYY-MM, YYYY or "".
func (d Date) String() string {
	switch d.Precision {
	case Day:
		return d.Start.Format("2006-01-02")
	case Month:
		return d.Start.Format("2006-01")
	case Year:
		return d.Start.Format("2006")
	}
	return ""
}

// Contains reports whether the interval of d contains the interval of o.
func (d Date) Contains(o Date) bool {
	if !d.Known() || !o.Known() {
		return false
	}
	return !o.Start.Before(d.Start) && !o.End.After(d.End)
}

// Overlaps reports whether two known dates share at least one day.
func (d Date) Overlaps(o Date) bool {
	if !d.Known() || !o.Known() {
		return false
	}
	return !d.Start.After(o.End) && !o.Start.After(d.End)
}

// Before orders dates by the start of their interval, then by precision
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
			switch f.p {
			case Day:
				return DayOf(t.Date()), nil
			case Month:
				return MonthOf(t.Year(), t.Month()), nil
			default:
				return YearOf(t.Year()), nil
			}
		}
	}
	return Date{}, fmt.Errorf("bad date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}
