package model

import (
	"testing"
	"time"
)

func TestSpanPrecision(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		from, to time.Time
		want     string
		p        Precision
	}{
		{d(2021, 7, 27), d(2021, 7, 27), "2021-07-27", Day},
		{d(2021, 7, 20), d(2021, 7, 27), "2021-07", Month},
		{d(2021, 6, 28), d(2021, 7, 3), "2021", Year},
		{d(2020, 12, 28), d(2021, 1, 3), "", Unknown},
	} {
		got := Span(tc.from, tc.to)
		if got.String() != tc.want || got.Precision != tc.p {
			t.Errorf("Span(%s, %s) = %q %s, want %q %s", tc.from, tc.to, got, got.Precision, tc.want, tc.p)
		}
	}
}

func TestOrderAndContainment(t *testing.T) {
	month, day, year := MonthOf(2021, 7), DayOf(2021, 7, 26), YearOf(2021)
	if !month.Before(day) || day.Before(month) {
		t.Error("a month sorts before a day that starts with it")
	}
	if !year.Contains(month) || !month.Contains(day) || day.Contains(month) {
		t.Error("containment")
	}
	if !(day.Before(Date{})) || (Date{}).Before(day) {
		t.Error("unknown dates sort last")
	}
	if !month.Overlaps(day) || MonthOf(2021, 8).Overlaps(day) {
		t.Error("overlap")
	}
	for _, s := range []string{"2021-07-26", "2021-07", "2021"} {
		if d, err := ParseDate(s); err != nil || d.String() != s {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	if _, err := ParseDate("26/7/2021"); err == nil {
		t.Error("ParseDate accepted 26/7/2021")
	}
}

// TestISOAsFormat: dates are written as time.Format writes them, at each
// precision, across years of one to four digits and past them.
func TestISOAsFormat(t *testing.T) {
	for _, y := range []int{-5, 0, 1, 9, 99, 999, 1000, 1999, 2024, 9999, 10000, 12345} {
		for m := time.January; m <= time.December; m += 5 {
			for _, d := range []int{1, 9, 10, 28} {
				day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
				for parts, layout := range isoLayouts {
					if parts == 0 {
						continue
					}
					if got, want := string(appendISO(nil, day, parts)), day.Format(layout); got != want {
						t.Fatalf("%v at %d parts: %q, want %q", day, parts, got, want)
					}
				}
				if got, want := ISODate(day), day.Format("2006-01-02"); got != want {
					t.Fatalf("ISODate(%v) = %q, want %q", day, got, want)
				}
			}
		}
	}
}
