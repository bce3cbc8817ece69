package model

import "testing"

// FuzzParseDate: a date is read or refused; a read one formats back to a
// date of its precision.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2021", "2021-07", "2021-07-27", "0000-00-00", "2021-13", "99999", "2021-02-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		again, err := ParseDate(d.String())
		if err != nil || again.String() != d.String() {
			t.Fatalf("%q → %q does not read back (%v)", s, d.String(), err)
		}
	})
}
