package timeline

import (
	"strings"
	"testing"
)

func TestSegmentOffsets(t *testing.T) {
	text := "قال الوزير إن النسبة 3.5% ستبقى. وأضاف: \"لن نتراجع. أبدا\".\r\nزار بايدن بغداد؟ نعم!\n\nخاتمة"
	got := Segment(text, 0)
	want := []string{
		"قال الوزير إن النسبة 3.5% ستبقى.",
		"وأضاف: \"لن نتراجع. أبدا\".",
		"زار بايدن بغداد؟",
		"نعم!",
		"خاتمة",
	}
	if len(got) != len(want) {
		var s []string
		for _, g := range got {
			s = append(s, text[g.Start:g.End])
		}
		t.Fatalf("got %d sentences %q, want %d", len(got), s, len(want))
	}
	for i, s := range got {
		if text[s.Start:s.End] != want[i] {
			t.Errorf("sentence %d = %q, want %q", i, text[s.Start:s.End], want[i])
		}
		if strings.ContainsAny(text[s.Start:s.End], "\r\n") {
			t.Errorf("sentence %d keeps a line break", i)
		}
	}
	if got[4].Para <= got[2].Para {
		t.Errorf("a blank line should start a new paragraph")
	}
}

func TestTokenizeOffsets(t *testing.T) {
	text := "وصل «قاآني» إلى بغداد، 26/7/2021"
	for _, tok := range Tokenize(text, 0, len(text)) {
		if text[tok.Start:tok.End] != tok.Raw {
			t.Errorf("token %q does not match its offsets", tok.Raw)
		}
	}
}
