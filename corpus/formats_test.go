package corpus

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// TestInputFormats loads the fixtures (texts written for these tests): a
// web page with its furniture, a JSON Lines dump, an RSS and an Atom feed,
// and a broken feed; each article comes with its text and metadata, every
// bad line or file is a named error, and nothing else is lost.
func TestInputFormats(t *testing.T) {
	srcs, problems := Load([]Root{{FS: os.DirFS("testdata/formats"), Path: "."}})
	byPath := map[string]int{}
	for i, s := range srcs {
		byPath[s.Path] = i
	}
	want := []struct {
		path, title, outlet, url, published string
		has, hasNot                         []string
	}{
		{"page.html", "الصفدي يصل إلى بغداد في زيارة رسمية", "أخبار الرافدين", "https://rafidain.example/politics/safadi-baghdad", "2023-03-12",
			[]string{"وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد", "من جهته، أكد الصفدي"},
			[]string{"الأكثر قراءة", "زار رئيس الوزراء اللبناني", "الرئيسية", "جميع الحقوق محفوظة", "tracker", "color:red"}},
		{"dump.jsonl:1", "وزير الخارجية العراقي في طهران", "example.net", "https://example.net/news/1", "2022-09-06",
			[]string{"وصل وزير الخارجية العراقي فؤاد حسين إلى طهران", "\nوعقد حسين محادثات"}, nil},
		{"dump.jsonl:4", "الصفدي يتصل بنظيره العراقي", "الموقع المثال", "https://example.net/news/3", "2022-09-08",
			[]string{"أجرى وزير الخارجية الأردني أيمن الصفدي"}, []string{"<p>"}},
		{"feed.rss#1", "الصفدي يلتقي الرئيس العراقي", "وكالة الأنباء التجريبية", "https://agency.example/2023/03/12/safadi-rashid", "2023-03-12",
			[]string{"التقى وزير الخارجية الأردني أيمن الصفدي الرئيس العراقي", "وبحث معه"}, []string{"<b>", "<p>"}},
		{"feed.atom#1", "حسين: المحادثات مع الأردن كانت مثمرة", "صحيفة المثال", "https://paper.example/2023/03/13/hussein", "2023-03-13",
			[]string{"قال وزير الخارجية العراقي فؤاد حسين"}, []string{"&lt;", "<p>"}},
	}
	if len(srcs) != len(want) {
		var got []string
		for _, s := range srcs {
			got = append(got, s.Path)
		}
		t.Fatalf("loaded %v, want %d articles", got, len(want))
	}
	for _, w := range want {
		i, ok := byPath[w.path]
		if !ok {
			t.Errorf("%s not loaded", w.path)
			continue
		}
		s := srcs[i]
		if s.Title != w.title || s.Outlet != w.outlet || s.URL != w.url || s.Published.String() != w.published {
			t.Errorf("%s: title %q outlet %q url %q published %s", w.path, s.Title, s.Outlet, s.URL, s.Published)
		}
		for _, h := range w.has {
			if !strings.Contains(s.Text, h) {
				t.Errorf("%s: the text lacks %q:\n%s", w.path, h, s.Text)
			}
		}
		for _, h := range w.hasNot {
			if strings.Contains(s.Text, h) {
				t.Errorf("%s: the text holds page furniture %q", w.path, h)
			}
		}
	}
	// The named errors: the broken feed, and three lines of the dump.
	wantErrs := []struct {
		path string
		line int
		says string
	}{
		{"broken.rss", 0, "not an RSS or Atom feed"},
		{"dump.jsonl", 2, "no article text"},
		{"dump.jsonl", 3, "not a JSON object"},
		{"dump.jsonl", 5, "published"},
	}
	if len(problems) != len(wantErrs) {
		t.Fatalf("problems: %v", problems)
	}
	for _, w := range wantErrs {
		found := false
		for _, p := range problems {
			var le *LoadError
			if errors.As(p, &le) && le.Path == w.path && le.Line == w.line && strings.Contains(p.Error(), w.says) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error for %s line %d saying %q in %v", w.path, w.line, w.says, problems)
		}
	}
	// Items have IDs of their own, stable across reads.
	again, _ := Load([]Root{{FS: os.DirFS("testdata/formats"), Path: "."}})
	ids := map[string]bool{}
	for i := range srcs {
		if ids[srcs[i].ID] || srcs[i].ID != again[i].ID || srcs[i].Hash != again[i].Hash {
			t.Errorf("%s: ID %q (again %q), duplicate %v", srcs[i].Path, srcs[i].ID, again[i].ID, ids[srcs[i].ID])
		}
		ids[srcs[i].ID] = true
	}
}

// TestContainerItemsAreReadAgain: an article of a dump read a second time
// (as the source pane does) comes from the file again, with the same text.
func TestContainerItemsAreReadAgain(t *testing.T) {
	files, _ := Scan([]Root{{FS: os.DirFS("testdata/formats"), Path: "."}})
	for i := range files {
		if files[i].itemID == "" {
			continue
		}
		a, err := files[i].Read()
		if err != nil {
			t.Fatal(err)
		}
		if files[i].item != nil {
			t.Fatalf("%s: its text is still held after the first read", files[i].Display)
		}
		b, err := files[i].Read()
		if err != nil || a.Text != b.Text || a.Hash != b.Hash {
			t.Errorf("%s: read again: %v, same text %v", files[i].Display, err, a.Text == b.Text)
		}
	}
}

// FuzzFormats: no page, dump or feed makes the readers panic or return an
// article with invalid text.
func FuzzFormats(f *testing.F) {
	for _, name := range []string{"page.html", "dump.jsonl", "feed.rss", "feed.atom", "broken.rss"} {
		b, err := os.ReadFile("testdata/formats/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if text, _, err := HTMLArticle(data); err == nil && !utf8.ValidString(text) && utf8.Valid(data) {
			t.Errorf("invalid text from a valid page")
		}
		for _, kind := range []int{kindJSONL, kindFeed} {
			containerItems(kind, "x", data)
		}
	})
}

// TestLegacyEncodings: a page saved in windows-1256 (its <meta charset>
// says so) and a feed that declares ISO-8859-6 are read as Arabic.
func TestLegacyEncodings(t *testing.T) {
	page, err := os.ReadFile("testdata/formats/page.html")
	if err != nil {
		t.Fatal(err)
	}
	page = bytes.Replace(page, []byte(`<meta charset="utf-8">`), []byte(`<meta charset="windows-1256">`), 1)
	cp1256, err := charmap.Windows1256.NewEncoder().Bytes(bytes.ReplaceAll(page, []byte("©"), nil))
	if err != nil {
		t.Fatal(err)
	}
	feed := `<?xml version="1.0" encoding="ISO-8859-6"?><rss version="2.0"><channel><title>وكالة</title>
<item><title>زيارة</title><link>https://a.test/1</link><description>وصل وزير الخارجية إلى بغداد في زيارة رسمية.</description></item></channel></rss>`
	iso, err := charmap.ISO8859_6.NewEncoder().Bytes([]byte(feed))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"old.html": {Data: cp1256}, "old.rss": {Data: iso}}
	srcs, problems := Load([]Root{{FS: fsys, Path: "."}})
	if len(problems) > 0 || len(srcs) != 2 {
		t.Fatalf("%d articles, problems %v", len(srcs), problems)
	}
	for _, s := range srcs {
		if !strings.Contains(s.Text, "وزير الخارجية") {
			t.Errorf("%s: %q", s.Path, s.Text)
		}
	}
}
