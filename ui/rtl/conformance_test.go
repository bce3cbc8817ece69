package rtl

import (
	"bufio"
	"compress/gzip"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestConformance checks the resolved levels and the reordering against the
// Unicode conformance data (BidiCharacterTest.txt, from the Unicode
// Character Database, kept gzipped in testdata). The file reorders each
// paragraph as one line and does not apply rule L3.
func TestConformance(t *testing.T) {
	f, err := os.Open("testdata/BidiCharacterTest.txt.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var a Analyzer
	cases, levelFails, orderFails := 0, 0, 0
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, ";")
		if len(fields) < 5 {
			t.Fatalf("line %d: %d fields", line, len(fields))
		}
		var runes []rune
		for _, h := range strings.Fields(fields[0]) {
			v, _ := strconv.ParseUint(h, 16, 32)
			runes = append(runes, rune(v))
		}
		dir := map[string]Direction{"0": LTR, "1": RTL, "2": Auto}[fields[1]]
		wantLevels := strings.Fields(fields[3])
		var wantOrder []int
		for _, s := range strings.Fields(fields[4]) {
			v, _ := strconv.Atoi(s)
			wantOrder = append(wantOrder, v)
		}
		cases++
		p := a.Analyze(runes, dir)
		if (fields[2] == "1") != p.RTL {
			levelFails++
			if levelFails <= 5 {
				t.Errorf("line %d: paragraph RTL = %v, want level %s", line, p.RTL, fields[2])
			}
			continue
		}
		ok := true
		for i, w := range wantLevels {
			if w == "x" {
				continue
			}
			if lv, _ := strconv.Atoi(w); int8(lv) != p.Levels[i] {
				ok = false
			}
		}
		if !ok {
			levelFails++
			if levelFails <= 5 {
				t.Errorf("line %d: levels %v, want %v", line, p.Levels, wantLevels)
			}
			continue
		}
		var got []int
		for _, i := range p.visualOrder(0, len(runes), false) {
			if wantLevels[i] != "x" {
				got = append(got, i)
			}
		}
		if !equalInts(got, wantOrder) {
			orderFails++
			if orderFails <= 5 {
				t.Errorf("line %d: order %v, want %v", line, got, wantOrder)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cases < 90000 {
		t.Fatalf("read only %d cases", cases)
	}
	t.Logf("%d cases: %d level failures, %d order failures", cases, levelFails, orderFails)
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
