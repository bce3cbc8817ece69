package safe

import (
	"strings"
	"testing"
)

func TestBlankKeepsOffsetsAndNewlines(t *testing.T) {
	in := "a\x1b]52;c;AAAA\x07b\tc\r\nd\x7fe\u009bf"
	b := []byte(in)
	Blank(b)
	if len(b) != len(in) {
		t.Fatalf("length %d, want %d", len(b), len(in))
	}
	out := string(b)
	for _, r := range out {
		if IsControl(r) {
			t.Errorf("control %U left in %q", r, out)
		}
	}
	if strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "a ]52;c;AAAA b c \nd e  f") {
		t.Errorf("got %q", out)
	}
}

func TestTextShowsControls(t *testing.T) {
	got := Text("x\x1b[2Jy\x07z\u0085", false)
	if got != "x␛[2Jy␇z�" {
		t.Errorf("got %q", got)
	}
	if Text("سطر\nسطر", false) != "سطر\nسطر" || Text("a\nb", true) != "a␤b" {
		t.Error("newlines")
	}
	if Line(strings.Repeat("x", 500), 10) != "xxxxxxxxxx…" {
		t.Error("Line does not cut")
	}
}

func TestStripBidi(t *testing.T) {
	if got := StripBidi("a\u202eb\u2066c\u2069d\u200f"); got != "abcd\u200f" {
		t.Errorf("got %q: overrides and isolates go, marks stay", got)
	}
}

func FuzzBlank(f *testing.F) {
	f.Add([]byte("a\x1b[31mb\u0085\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n := len(b)
		Blank(b)
		if len(b) != n {
			t.Fatal("length changed")
		}
		for _, r := range string(b) {
			if r != 0xfffd && IsControl(r) {
				t.Fatalf("control %U survives", r)
			}
		}
	})
}

// HasControl's byte scan answers as asking IsControl of every rune does.
func TestHasControlAsIsControl(t *testing.T) {
	for _, s := range []string{"", "زار الرئيس\nالقاهرة", "a\x1bb", "\t", "\r\n", "x\x7f", "\u0085", "\u009f", "\u00a0 «»", "é\u00c2", "\u0080", "\u0100\u0180", "ok\n"} {
		if got, want := HasControl([]byte(s)), strings.ContainsFunc(s, IsControl); got != want {
			t.Errorf("HasControl(%q) = %v, want %v", s, got, want)
		}
	}
}
