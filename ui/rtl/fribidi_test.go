package rtl

import (
	"bufio"
	"bytes"
	"io/fs"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"khatt/seeds"
)

// unligate undoes FriBidi's lam-alef ligatures, which NFKC would decompose
// in logical order: in a visual string the alef is left of the lam. FriBidi
// pads each ligature with U+FEFF to keep the length.
func unligate(s string) string {
	alef := map[rune]string{0xFEF5: "آ", 0xFEF6: "آ", 0xFEF7: "أ", 0xFEF8: "أ", 0xFEF9: "إ", 0xFEFA: "إ", 0xFEFB: "ا", 0xFEFC: "ا"}
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		a, ok := alef[rs[i]]
		if !ok {
			if rs[i] != 0xFEFF {
				b.WriteRune(rs[i])
			}
			continue
		}
		// The ligature's marks sit on the alef, which is drawn left of the lam.
		b.WriteString(a)
		for i+1 < len(rs) && (isMark(rs[i+1]) || rs[i+1] == 0xFEFF) {
			i++
			if rs[i] != 0xFEFF {
				b.WriteRune(rs[i])
			}
		}
		b.WriteString("ل")
	}
	return b.String()
}

// TestAgainstFribidi draws every line of the seed articles as a right-to-left
// and as a left-to-right paragraph and compares with GNU FriBidi, the
// reference implementation (fribidi --reordernsm). FriBidi always shapes, so
// both sides are compared after NFKC, which folds presentation forms back.
func TestAgainstFribidi(t *testing.T) {
	if _, err := exec.LookPath("fribidi"); err != nil {
		t.Skip("fribidi is not installed (Debian: libfribidi-bin)")
	}
	var lines []string
	entries, _ := fs.ReadDir(seeds.FS, ".")
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		data, _ := fs.ReadFile(seeds.FS, e.Name())
		for _, l := range strings.Split(string(data), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
	}
	lines = append(lines, "English label: قاآني 2021 (Baghdad) «ok»", "26/7/2021 – 3.5% [x]")
	var l Layouter
	for _, dir := range []struct {
		flag string
		d    Direction
	}{{"--rtl", RTL}, {"--ltr", LTR}} {
		cmd := exec.Command("fribidi", "--nopad", "--nobreak", "--reordernsm", dir.flag)
		cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		fails := 0
		for i := 0; sc.Scan(); i++ {
			want := norm.NFKC.String(unligate(strings.TrimSpace(sc.Text())))
			got := l.Paragraph([]Span{{Text: lines[i]}}, 100000, dir.d, app, plain)[0]
			got = norm.NFKC.String(strings.TrimSpace(got))
			if got != want {
				fails++
				if fails <= 3 {
					t.Errorf("%s line %q:\n got %q\nwant %q", dir.flag, lines[i], got, want)
				}
			}
		}
		if fails > 0 {
			t.Errorf("%s: %d of %d lines differ from fribidi", dir.flag, fails, len(lines))
		}
	}
}
