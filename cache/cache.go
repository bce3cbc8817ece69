// Package cache keeps what khatt has read between runs, in an SQLite
// database under $XDG_CACHE_HOME/khatt: each article's source and extracted
// events, keyed by the file and checked by its size and modification time
// (then by its content's hash), and each corpus's merged timeline. Every
// entry carries the version of what made it (the program and its
// lexicons): another version's entries are never used. A database that is
// corrupt or not khatt's is set aside and made again, with a warning.
//
// Several processes may use one cache (khatt serve beside a reader): SQLite
// serialises the writers, readers never wait for them (WAL), and an entry
// is written whole or not at all.
package cache

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver

	"khatt/extract"
	"khatt/internal/par"
	"khatt/merge"
	"khatt/model"
)

// schema is the layout's version; a database of another layout is made
// again.
const schema = "khatt-cache-12"

// Cache is an open cache database.
type Cache struct {
	db      *sql.DB
	path    string
	version string
	pre     *prefetch // Prefetch's reading, until Lookup takes it
	// What Lookup read of the contents of this version's articles: of all
	// of them (complete), or of those in the key ranges it read. ByHash
	// asks the table about any other only when few files missed (misses):
	// otherwise it reads every content of this version once (others).
	hashes   map[string]bool
	complete bool
	// events reads an article's events (Decode), prepared once: a corpus
	// that changed reads those of hundreds of articles one by one.
	eventsOnce sync.Once
	events     *sql.Stmt
	eventsErr  error
	misses     int
	othersOnce sync.Once
	others     map[string]bool
	packs      packs // where the articles' events are (see packDir)
}

// prefetch is what Lookup reads of every article of this version, read in
// the background (Prefetch).
type prefetch struct {
	cancel context.CancelFunc
	done   chan struct{}
	ranges [][2]string // what it reads (none: every article of the version)
	rows   []row
	err    error
}

// row is an article's row without its events.
type row struct {
	key         string
	size, mtime int64
	hash        string
	source      []byte
}

// Prefetch starts reading, in the background, what Lookup reads of the
// articles of this version under dirs (the corpus's directories; none:
// every article) when it is asked for many: a caller that lists its
// corpus meanwhile (a few tens of milliseconds for 10k files) finds it
// read. Lookup takes what was read, or stops the reading when it is asked
// for few articles (each is then looked up by key).
func (c *Cache) Prefetch(dirs ...string) {
	if c.pre != nil {
		return
	}
	var ranges [][2]string
	for _, d := range dirs {
		// A file's key is its absolute path: those under d sort between d
		// with a separator and d with the byte after it.
		d = strings.TrimSuffix(d, string(filepath.Separator))
		ranges = append(ranges, [2]string{d + string(filepath.Separator), d + string(filepath.Separator+1)})
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &prefetch{cancel: cancel, done: make(chan struct{}), ranges: ranges}
	c.pre = p
	go func() {
		defer close(p.done)
		p.rows, p.err = c.rowsIn(ctx, ranges)
	}()
}

// rowsIn reads the article rows of this version, without the events, whose
// keys are in the ranges (from inclusive, to exclusive; none: all rows).
func (c *Cache) rowsIn(ctx context.Context, ranges [][2]string) ([]row, error) {
	var out []row
	read := func(query string, args ...any) error {
		rows, err := c.db.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.key, &r.size, &r.mtime, &r.hash, &r.source); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	}
	const cols = `SELECT key, size, mtime, hash, source FROM articles WHERE version = ?`
	if len(ranges) == 0 {
		return out, read(cols, c.version)
	}
	seen := map[[2]string]bool{}
	for _, r := range ranges {
		if !seen[r] {
			seen[r] = true
			if err := read(cols+` AND key >= ? AND key < ?`, c.version, r[0], r[1]); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// takePrefetch waits for Prefetch's reading (stopped first unless want)
// and returns it; ok is false when there was none, or it was stopped.
func (c *Cache) takePrefetch(want bool) (*prefetch, bool) {
	p := c.pre
	if p == nil {
		return nil, false
	}
	c.pre = nil
	if !want {
		p.cancel()
	}
	<-p.done
	p.cancel()
	return p, want
}

// DefaultPath is $XDG_CACHE_HOME/khatt/index.db (~/.cache/khatt/index.db).
func DefaultPath() string {
	dir := os.Getenv("XDG_CACHE_HOME")
	if dir == "" {
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, ".cache")
		} else {
			dir = os.TempDir()
		}
	}
	return filepath.Join(dir, "khatt", "index.db")
}

// Open opens (or makes) the cache at path for entries of version. When the
// file is there but is not a khatt cache of this layout, or is corrupt, it
// is renamed aside (path + ".bad") and a new one made; warn says so.
func Open(path, version string, warn func(string)) (*Cache, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	c, err := open(path, version)
	if err == nil {
		return c, nil
	}
	var bad *badCache
	if !errors.As(err, &bad) {
		return nil, err
	}
	if warn != nil {
		warn(fmt.Sprintf("the cache %s is unusable (%v): set aside as %s.bad and made again", path, bad.err, path))
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Rename(path+suffix, path+".bad"+suffix)
	}
	os.RemoveAll(timelineDir(path)) // the set-aside database's timelines
	os.RemoveAll(packDir(path))     // and its articles' events
	return open(path, version)
}

type badCache struct{ err error }

func (b *badCache) Error() string { return b.err.Error() }

func open(path, version string) (*Cache, error) {
	// A regular file or nothing: a cache path that names a FIFO or a device
	// would hang or feed garbage.
	if info, err := os.Lstat(path); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("cache: %s is not a regular file", path)
	}
	dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	c := &Cache{db: db, path: path, version: version, packs: packs{dir: packDir(path)}}
	if err := c.init(); err != nil {
		db.Close()
		if isCorrupt(err) {
			return nil, &badCache{err}
		}
		return nil, err
	}
	return c, nil
}

func isCorrupt(err error) bool {
	var bad *badCache
	if errors.As(err, &bad) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "file is not a database") || strings.Contains(s, "malformed") || strings.Contains(s, "corrupt")
}

func (c *Cache) init() error {
	if _, err := c.db.Exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`); err != nil {
		return err
	}
	var got string
	err := c.db.QueryRow(`SELECT value FROM meta WHERE key = 'schema'`).Scan(&got)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		var n int
		if err := c.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name != 'meta' AND name NOT LIKE 'sqlite_%'`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &badCache{errors.New("tables that are not khatt's")}
		}
		_, err = c.db.Exec(`
			CREATE TABLE articles (
				key TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL,
				hash TEXT NOT NULL, version TEXT NOT NULL, source BLOB NOT NULL,
				-- events, forms: where the article's events and their
				-- forms are (references into one pack: see packDir).
				events BLOB NOT NULL, forms BLOB NOT NULL);
			CREATE INDEX articles_hash ON articles(version, hash);
			-- What a sweep of the packs reads (every reference).
			CREATE INDEX articles_packs ON articles(events, forms);
			-- What Lookup reads of every article, apart from the events, by
			-- key (a path): a corpus's articles are a range of it, which
			-- reads a few megabytes at 10k articles where the table holds
			-- 100 MB.
			CREATE INDEX articles_lookup ON articles(version, key, size, mtime, hash, source);
			-- place: the corpus's directories (see PriorTimeline); groups: what
			-- each event was built from (merge.Group), with a checksum.
			CREATE TABLE timelines (
				key TEXT PRIMARY KEY, version TEXT NOT NULL, used INTEGER NOT NULL, file TEXT NOT NULL,
				place TEXT NOT NULL, groups BLOB NOT NULL);
			CREATE INDEX timelines_place ON timelines(place, version, used);
			INSERT INTO meta(key, value) VALUES ('schema', '` + schema + `');`)
		return err
	case err != nil:
		return err
	case got != schema:
		return &badCache{fmt.Errorf("layout %q, not %q", got, schema)}
	}
	return nil
}

// eventsStmt is the statement that reads an article's events.
func (c *Cache) eventsStmt() (*sql.Stmt, error) {
	c.eventsOnce.Do(func() {
		c.events, c.eventsErr = c.db.Prepare(`SELECT events FROM articles WHERE key = ? AND hash = ? AND version = ?`)
	})
	if c.events == nil && c.eventsErr == nil {
		return nil, errors.New("cache: closed")
	}
	return c.events, c.eventsErr
}

// Path is the database's file.
func (c *Cache) Path() string { return c.path }

// Close closes the database, after a sweep of the packs when this process
// wrote one.
func (c *Cache) Close() error {
	c.takePrefetch(false)
	c.eventsOnce.Do(func() {}) // never prepared from here on
	if c.events != nil {
		c.events.Close()
	}
	var err error
	if c.packs.wrote {
		err = c.sweepPacks(packGrace)
	}
	c.packs.closeAll()
	return errors.Join(err, c.db.Close())
}

// Article is what the cache keeps of one article: its source (without its
// text, which is read again when shown), its events, and what the merge's
// clustering reads of them (their forms).
type Article struct {
	Key     string // the file's absolute path
	Size    int64
	ModTime int64
	Hash    string
	Source  model.Source
	Events  []extract.Event // to store; what Lookup finds is read by Decode
	// Forms are merge.FormsOf(Events): to store (nil: worked out by
	// Encode); what Lookup finds is read by ReadForms.
	Forms   []merge.Form
	raw     []byte // a reference to its events in a pack
	pk      *packs // where raw points
	c       *Cache // where to read the events from, for Decode
	encoded [3][]byte
}

// Encode prepares an article for Put (the source without its text, the
// events and their forms), so that the work can be spread over the cores
// that extracted.
func (a *Article) Encode() error {
	sb := encodeSource(&a.Source) // without the text: read again from the file when shown
	forms := a.Forms
	if forms == nil {
		forms = merge.FormsOf(a.Events)
	}
	a.encoded = [3][]byte{sb, encodeArticle(a.Events), encodeForms(forms)}
	return nil
}

// ReadForms returns the forms of the events of an article found in the
// cache (read now, unless FetchForms read them).
func (a *Article) ReadForms() ([]merge.Form, error) {
	if a.Forms != nil || a.Events != nil && a.c == nil {
		if a.Forms == nil {
			a.Forms = merge.FormsOf(a.Events)
		}
		return a.Forms, nil
	}
	if a.c == nil {
		return nil, errors.New("cache: an article without its forms")
	}
	var raw []byte
	if err := a.c.db.QueryRow(`SELECT forms FROM articles WHERE key = ? AND hash = ? AND version = ?`,
		a.Key, a.Hash, a.c.version).Scan(&raw); err != nil {
		return nil, a.c.fail(err)
	}
	raw, err := a.c.packs.read(raw)
	if err != nil {
		return nil, err
	}
	fs, err := decodeForms(raw)
	if err != nil {
		return nil, err
	}
	a.Forms = fs
	return fs, nil
}

// Decode returns the events of an article found in the cache; they are
// decoded only when asked (a corpus whose merged timeline is cached never
// needs them).
func (a *Article) Decode() ([]extract.Event, error) {
	if a.raw == nil && a.c != nil {
		st, err := a.c.eventsStmt()
		if err != nil {
			return nil, a.c.fail(err)
		}
		if err := st.QueryRow(a.Key, a.Hash, a.c.version).Scan(&a.raw); err != nil {
			return nil, a.c.fail(err)
		}
		a.pk, a.c = &a.c.packs, nil
	}
	if a.Events != nil || a.raw == nil || a.pk == nil {
		return a.Events, nil
	}
	b, err := a.pk.read(a.raw)
	if err != nil {
		return nil, err
	}
	evs, err := decodeArticle(b)
	if err != nil {
		return nil, err
	}
	// Decoded strings share the bytes read, half of which (symbol
	// tables, numbers) no event needs: the events keep a copy of what
	// they quote, and the bytes go.
	extract.Detach(evs, unsafe.String(unsafe.SliceData(b), len(b)))
	a.Events, a.raw = evs, nil
	return evs, nil
}

// Fetch reads the events of many articles Lookup found in one pass over
// the table, which costs less than Decode's query per article, and
// decodes them on every core as the rows come: a corpus's rows are never
// all in memory at once (at 100k articles they are a gigabyte). Decode
// then returns what was decoded (or the error, again).
func (c *Cache) Fetch(arts []*Article) error {
	want := c.wanted(arts, func(a *Article) bool { return a.raw == nil && a.Events == nil })
	return c.fetch(want, "events", c.takeEvents)
}

// wanted maps by key the articles found in this cache that need says are
// still to be read.
func (c *Cache) wanted(arts []*Article, need func(*Article) bool) map[string]*Article {
	want := map[string]*Article{}
	for _, a := range arts {
		if a.c == c && need(a) {
			want[a.Key] = a
		}
	}
	return want
}

// takeEvents gives an article the reference to its events a row held,
// and decodes them: kept, or failed and left to fail again for the
// caller.
func (c *Cache) takeEvents(a *Article, ref []byte) {
	a.raw, a.pk, a.c = ref, &c.packs, nil
	a.Decode()
}

// FetchForms is Fetch of the articles' forms (see ReadForms).
func (c *Cache) FetchForms(arts []*Article) error {
	want := c.wanted(arts, func(a *Article) bool { return a.Forms == nil && a.Events == nil })
	return c.fetch(want, "forms", func(a *Article, b []byte) {
		if b, err := c.packs.read(b); err == nil {
			if fs, err := decodeForms(b); err == nil {
				a.Forms = fs
			}
		} // else left to fail again for the caller
	})
}

// fetch reads a column of the wanted articles and gives each its bytes,
// on every core.
func (c *Cache) fetch(want map[string]*Article, column string, take func(*Article, []byte)) error {
	if len(want) <= smallLookup {
		return nil // asked for one by one
	}
	// The wanted keys in as many ranges as there are cores, each read and
	// decoded by a goroutine of its own (one reader feeding decoders was
	// the slower half); the rows of other corpora sharing the cache are
	// not read.
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := min(runtime.GOMAXPROCS(0), len(keys))
	errs := make([]error, parts)
	par.Each(parts, func(k int) {
		errs[k] = c.fetchRows(want, take, `SELECT key, hash, `+column+` FROM articles WHERE version = ? AND key >= ? AND key <= ?`,
			c.version, keys[k*len(keys)/parts], keys[(k+1)*len(keys)/parts-1])
	})
	return c.fail(errors.Join(errs...))
}

// FetchFew is Fetch of articles scattered through a corpus (those a
// changed corpus must read whole: see merge.Prior): read by their keys, a
// batch at a time, on every core, rather than in a pass over all.
func (c *Cache) FetchFew(arts []*Article) error {
	want := c.wanted(arts, func(a *Article) bool { return a.raw == nil && a.Events == nil })
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	const batch = 128
	n := (len(keys) + batch - 1) / batch
	errs := make([]error, n)
	par.Each(n, func(b int) {
		ks := keys[b*batch : min((b+1)*batch, len(keys))]
		args := make([]any, 0, 1+len(ks))
		args = append(args, c.version)
		for _, k := range ks {
			args = append(args, k)
		}
		errs[b] = c.fetchRows(want, c.takeEvents, `SELECT key, hash, events FROM articles WHERE version = ? AND key IN (?`+strings.Repeat(", ?", len(ks)-1)+`)`, args...)
	})
	return c.fail(errors.Join(errs...))
}

// fetchRows gives take the bytes of the wanted articles among the rows a
// query of key, hash and a column reads (each row once).
func (c *Cache) fetchRows(want map[string]*Article, take func(*Article, []byte), query string, args ...any) error {
	rows, err := c.db.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key, hash string
		var b []byte
		if err := rows.Scan(&key, &hash, &b); err != nil {
			return err
		}
		if a := want[key]; a != nil && a.Hash == hash {
			take(a, b)
		}
	}
	return rows.Err()
}

// smallLookup is the number of keys up to which Lookup asks for each.
var smallLookup = 500

// Lookup returns the cached articles of this version for the keys whose
// size and modification time still match (others are left out), without
// their events (see Decode).
func (c *Cache) Lookup(keys []string, size, mtime []int64) (map[string]*Article, error) {
	out := make(map[string]*Article, len(keys))
	want := make(map[string]int, len(keys))
	for i, k := range keys {
		want[k] = i
	}
	take := func(i int, a *Article, src []byte) {
		if size[i] != a.Size || mtime[i] != a.ModTime {
			return
		}
		var err error
		if a.Source, err = decodeSource(src); err != nil {
			return // unreadable: extracted again
		}
		a.Source.Hash = a.Hash
		out[a.Key] = a
	}
	// A few articles in a big cache are looked up one by one; many, by
	// reading the table once (which also tells which contents it holds).
	if len(keys) <= smallLookup {
		c.takePrefetch(false)
		c.hashes = nil
		stmt, err := c.db.Prepare(`SELECT key, size, mtime, hash, source FROM articles WHERE key = ? AND version = ?`)
		if err != nil {
			return nil, c.fail(err)
		}
		defer stmt.Close()
		for i, k := range keys {
			a := Article{c: c}
			var src []byte
			err := stmt.QueryRow(k, c.version).Scan(&a.Key, &a.Size, &a.ModTime, &a.Hash, &src)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			} else if err != nil {
				return nil, c.fail(err)
			}
			take(i, &a, src)
		}
		return out, nil
	}
	// The rows Prefetch read, or those between the first and the last key.
	var all []row
	var ranges [][2]string
	if p, ok := c.takePrefetch(true); ok && p.err == nil {
		all, ranges = p.rows, p.ranges
	} else {
		lo, hi := slices.Min(keys), slices.Max(keys)
		ranges = [][2]string{{lo, hi + "\x00"}}
		var err error
		if all, err = c.rowsIn(context.Background(), ranges); err != nil {
			return nil, c.fail(err)
		}
	}
	c.hashes, c.complete = make(map[string]bool, len(all)), len(ranges) == 0
	c.others, c.othersOnce = nil, sync.Once{}
	for _, r := range all {
		c.hashes[r.hash] = true
		if i, ok := want[r.key]; ok {
			take(i, &Article{c: c, Key: r.key, Size: r.size, ModTime: r.mtime, Hash: r.hash}, r.source)
		}
	}
	c.misses = len(keys) - len(out)
	return out, nil
}

// mayHold reports whether an article of this version may have this
// content (ByHash then asks the table).
func (c *Cache) mayHold(hash string) bool {
	switch {
	case c.hashes == nil: // Lookup asked key by key
		return true
	case c.hashes[hash]:
		return true
	case c.complete:
		return false
	case c.misses <= smallLookup:
		return true // few to ask about: each asked
	}
	// A file moved in from another corpus is known by its content only:
	// with many files missed (a corpus new to the cache), every content of
	// this version is read once rather than asked for file by file.
	c.othersOnce.Do(func() {
		rows, err := c.db.Query(`SELECT hash FROM articles WHERE version = ?`, c.version)
		if err != nil {
			return
		}
		defer rows.Close()
		others := map[string]bool{}
		for rows.Next() {
			var h string
			if rows.Scan(&h) != nil {
				return
			}
			others[h] = true
		}
		if rows.Err() == nil {
			c.others = others
		}
	})
	return c.others == nil || c.others[hash]
}

// ByHash returns the article of this version with this content, if any: a
// file that was touched or moved but not changed.
func (c *Cache) ByHash(hash string) (*Article, bool) {
	if !c.mayHold(hash) {
		return nil, false
	}
	var a Article
	var src, evs []byte
	err := c.db.QueryRow(`SELECT key, size, mtime, hash, source, events FROM articles WHERE hash = ? AND version = ? LIMIT 1`,
		hash, c.version).Scan(&a.Key, &a.Size, &a.ModTime, &a.Hash, &src, &evs)
	if err != nil {
		return nil, false
	}
	if a.Source, err = decodeSource(src); err != nil {
		return nil, false
	}
	a.raw, a.pk = evs, &c.packs
	if _, err := a.Decode(); err != nil {
		return nil, false
	}
	return &a, true
}

// Put stores articles (one transaction).
func (c *Cache) Put(arts []*Article) error {
	if len(arts) == 0 {
		return nil
	}
	tx, err := c.db.Begin()
	if err != nil {
		return c.fail(err)
	}
	defer tx.Rollback()
	st, err := tx.Prepare(`INSERT OR REPLACE INTO articles(key, size, mtime, hash, version, source, events, forms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	blobs := make([][]byte, 0, 2*len(arts))
	for _, a := range arts {
		if a.encoded[0] == nil {
			if err := a.Encode(); err != nil {
				return err
			}
		}
		blobs = append(blobs, a.encoded[1], a.encoded[2])
	}
	// The events and forms go to the pack before their rows are
	// committed.
	refs, err := c.packs.append(blobs)
	if err != nil {
		return c.fail(err)
	}
	for i, a := range arts {
		if _, err := st.Exec(a.Key, a.Size, a.ModTime, a.Hash, c.version, a.encoded[0], refs[2*i], refs[2*i+1]); err != nil {
			return c.fail(err)
		}
	}
	return c.fail(tx.Commit())
}

// Merged timelines are files beside the database (index.db.timelines/),
// named by the corpus key and the version, and listed in its timelines
// table: a timeline of 42,000 events is some 70 MB, which SQLite reads
// back through its pages at a third of the speed of one file read.

func timelineDir(dbPath string) string { return dbPath + ".timelines" }

func (c *Cache) timelineFile(key string) string {
	h := sha256.Sum256([]byte(key + "\x00" + c.version))
	return hex.EncodeToString(h[:16]) + ".bin"
}

// StoredTimeline returns the merged timeline cached under a corpus key,
// read and checked but not decoded (see Stored).
func (c *Cache) StoredTimeline(key string) (*Stored, bool) {
	var name string
	if err := c.db.QueryRow(`SELECT file FROM timelines WHERE key = ? AND version = ?`, key, c.version).Scan(&name); err != nil {
		return nil, false
	}
	return c.readTimeline(name)
}

// Prior is the timeline last stored of a corpus in a place: what merging
// the corpus again once it changed takes from (merge.Prior).
type Prior struct {
	Timeline *Stored
	Groups   map[merge.Group]int // each event's group, by the event's position
	// Forms are its articles' forms by their merge.Article Known (nil:
	// none could be read; each article's are in the database).
	Forms map[string][]merge.Form
	// The file Forms were read from, and how many articles it holds
	// (those of articles changed since, too).
	formsFile []byte
	written   int
}

// PriorTimeline returns the timeline last stored of a corpus in this
// place (its directories: see PutTimeline), which is not the corpus as it
// is now (StoredTimeline would have found it).
func (c *Cache) PriorTimeline(place string) (*Prior, bool) {
	if place == "" {
		return nil, false
	}
	var name string
	var blob []byte
	if err := c.db.QueryRow(`SELECT file, groups FROM timelines WHERE place = ? AND version = ? ORDER BY used DESC LIMIT 1`,
		place, c.version).Scan(&name, &blob); err != nil {
		return nil, false
	}
	groups, err := decodeGroups(blob)
	if err != nil {
		return nil, false
	}
	st, ok := c.readTimeline(name)
	if !ok || st.Total != len(groups) {
		return nil, false
	}
	p := &Prior{Timeline: st, Groups: make(map[merge.Group]int, len(groups))}
	for i, g := range groups {
		p.Groups[g] = i
	}
	if b, err := readParallel(filepath.Join(timelineDir(c.path), name+formsSuffix)); err == nil {
		if p.Forms, p.written, err = readCorpusForms(b); err == nil { // damaged: none
			p.formsFile = b
		}
	}
	return p, true
}

// formsSuffix names the file of a timeline's corpus forms after the
// timeline's.
const formsSuffix = ".forms"

// encodeGroups writes the groups of a timeline's events after their
// checksum.
func encodeGroups(groups []merge.Group) []byte {
	b := make([]byte, 4, 4+16*len(groups))
	for _, g := range groups {
		b = append(b, g[:]...)
	}
	binary.LittleEndian.PutUint32(b, crc32.Checksum(b[4:], castagnoli))
	return b
}

// decodeGroups reads what encodeGroups wrote: a wrong group would take an
// event for another, so damage is refused.
func decodeGroups(b []byte) ([]merge.Group, error) {
	if len(b) < 4 || (len(b)-4)%16 != 0 || crc32.Checksum(b[4:], castagnoli) != binary.LittleEndian.Uint32(b) {
		return nil, errors.New("damaged groups")
	}
	out := make([]merge.Group, (len(b)-4)/16)
	for i := range out {
		copy(out[i][:], b[4+16*i:])
	}
	return out, nil
}

// readTimeline reads and checks a timeline file.
func (c *Cache) readTimeline(name string) (*Stored, bool) {
	if name != filepath.Base(name) {
		return nil, false // not a name this cache wrote
	}
	b, err := readParallel(filepath.Join(timelineDir(c.path), name))
	if err != nil {
		return nil, false
	}
	st, err := splitEvents(b)
	if err != nil {
		return nil, false
	}
	return st, true
}

// readParallel reads a file in parts on every core: a timeline is tens of
// megabytes, read into memory the process has not touched yet, and a
// third of the time of one read goes to the page faults of that memory.
func readParallel(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	size := info.Size()
	if int64(int(size)) != size {
		return nil, errors.New("too big")
	}
	b := make([]byte, size)
	parts := runtime.GOMAXPROCS(0)
	errs := make([]error, parts)
	par.Each(parts, func(k int) {
		lo, hi := size*int64(k)/int64(parts), size*int64(k+1)/int64(parts)
		_, errs[k] = f.ReadAt(b[lo:hi], lo)
	})
	return b, errors.Join(errs...)
}

// MaxTimelines is how many merged timelines are kept; the oldest go first.
const MaxTimelines = 8

// PutTimeline stores the merged events of a corpus and the group each was
// built from (groups[i] is events[i]'s; nil: none, the timeline is never
// a prior one): the file is written whole (a temporary file renamed), then
// listed. Place names where the corpus is, so that it is found again once
// its articles change (PriorTimeline): its directories, say.
func (c *Cache) PutTimeline(key, place string, events []model.Event, groups []merge.Group) error {
	if groups != nil && len(groups) != len(events) {
		return fmt.Errorf("cache: %d groups for %d events", len(groups), len(events))
	}
	dir := timelineDir(c.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return c.fail(err)
	}
	name := c.timelineFile(key)
	if err := writeFile(dir, name, func(w io.Writer) error { return writeEvents(w, events) }); err != nil {
		return c.fail(err)
	}
	tx, err := c.db.Begin()
	if err != nil {
		return c.fail(err)
	}
	defer tx.Rollback()
	if groups == nil {
		place = "" // no prior timeline
	}
	if _, err := tx.Exec(`INSERT OR REPLACE INTO timelines(key, version, used, file, place, groups) VALUES (?, ?, ?, ?, ?, ?)`,
		key, c.version, time.Now().UnixNano(), name, place, encodeGroups(groups)); err != nil {
		return c.fail(err)
	}
	old, err := c.names(tx, `SELECT file FROM timelines ORDER BY used DESC, key LIMIT -1 OFFSET ?`, MaxTimelines)
	if err != nil {
		return err
	}
	for _, n := range old {
		if _, err := tx.Exec(`DELETE FROM timelines WHERE file = ?`, n); err != nil {
			return c.fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return c.fail(err)
	}
	for _, n := range old {
		if n != name && n == filepath.Base(n) {
			os.Remove(filepath.Join(dir, n))
			os.Remove(filepath.Join(dir, n+formsSuffix))
		}
	}
	return nil
}

// Forms writes the forms of a corpus's articles beside its timeline (see
// PriorTimeline) as they come: Add them from any goroutine, then Keep them
// once the timeline is stored, or Discard them. Memory holds a chunk.
type Forms struct {
	// Continues tells that the prior timeline's forms are written already:
	// add only those of articles whose forms are not among them.
	Continues bool
	c         *Cache
	tmp       *os.File
	bw        *bufio.Writer
	fw        *formsWriter
	err       error
}

// NewForms starts writing a corpus's forms (to a temporary file), with
// those of a prior timeline (nil: none) whose file holds no more than
// twice the corpus's articles: an article of the prior's is then not
// added again (the file grows by the articles that change, until it is
// written anew).
func (c *Cache) NewForms(prior *Prior, articles int) *Forms {
	f := &Forms{c: c}
	dir := timelineDir(c.path)
	if f.err = os.MkdirAll(dir, 0o700); f.err != nil {
		return f
	}
	if f.tmp, f.err = os.CreateTemp(dir, ".tmp-*"); f.err != nil {
		return f
	}
	f.bw = bufio.NewWriterSize(f.tmp, 256<<10)
	var chunks []byte
	if prior != nil && prior.formsFile != nil && prior.written <= 2*articles {
		chunks, f.Continues = prior.formsFile, true
	}
	f.fw = newFormsWriter(f.bw, chunks)
	return f
}

// Add writes an article's forms, by its merge.Article Known (nil: none
// known; nothing is written).
func (f *Forms) Add(known string, forms []merge.Form) {
	if f.fw != nil {
		f.fw.add(known, forms)
	}
}

// Keep finishes the file and puts it beside the timeline stored under key.
func (f *Forms) Keep(key string) error {
	c := f.c
	if f.err != nil {
		f.Discard()
		return c.fail(f.err)
	}
	err := f.fw.close()
	if err == nil {
		err = f.bw.Flush()
	}
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.tmp.Name(), filepath.Join(timelineDir(c.path), c.timelineFile(key)+formsSuffix))
	}
	if err != nil {
		os.Remove(f.tmp.Name())
	}
	f.fw = nil
	return c.fail(err)
}

// Discard drops what was written.
func (f *Forms) Discard() {
	if f.tmp != nil {
		f.tmp.Close()
		os.Remove(f.tmp.Name())
	}
	f.fw, f.tmp = nil, nil
}

// writeFile writes a file in dir whole: a temporary file, renamed.
func writeFile(dir, name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(tmp, 256<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// names runs a query of file names.
func (c *Cache) names(q interface {
	Query(string, ...any) (*sql.Rows, error)
}, query string, args ...any) ([]string, error) {
	rows, err := q.Query(query, args...)
	if err != nil {
		return nil, c.fail(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, c.fail(err)
		}
		out = append(out, n)
	}
	return out, c.fail(rows.Err())
}

// sweepTimelines removes the timeline files no row lists (of other
// versions, of a database set aside, or left by a crash).
func (c *Cache) sweepTimelines() error {
	listed, err := c.names(c.db, `SELECT file FROM timelines`)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, n := range listed {
		keep[n], keep[n+formsSuffix] = true, true
	}
	entries, err := os.ReadDir(timelineDir(c.path))
	if err != nil {
		return nil // none yet
	}
	for _, e := range entries {
		if !keep[e.Name()] {
			os.Remove(filepath.Join(timelineDir(c.path), e.Name()))
		}
	}
	return nil
}

// Stats describes the cache.
type Stats struct {
	Path              string
	Bytes             int64
	Articles, Current int // entries, and those of this version
	Timelines         int
	Version           string
}

// Stats counts the entries.
func (c *Cache) Stats() (Stats, error) {
	s := Stats{Path: c.path, Version: c.version}
	for _, suffix := range []string{"", "-wal"} {
		if info, err := os.Stat(c.path + suffix); err == nil {
			s.Bytes += info.Size()
		}
	}
	for _, dir := range []string{timelineDir(c.path), packDir(c.path)} {
		if entries, err := os.ReadDir(dir); err == nil {
			for _, e := range entries {
				if info, err := e.Info(); err == nil {
					s.Bytes += info.Size()
				}
			}
		}
	}
	err := c.db.QueryRow(`SELECT count(*), coalesce(sum(version = ?), 0) FROM articles`, c.version).Scan(&s.Articles, &s.Current)
	if err == nil {
		err = c.db.QueryRow(`SELECT count(*) FROM timelines`).Scan(&s.Timelines)
	}
	return s, c.fail(err)
}

// Prune drops the entries of other versions and of files no longer there
// (exists tells), and gives the space back.
func (c *Cache) Prune(exists func(key string) bool) (int, error) {
	if _, err := c.db.Exec(`DELETE FROM articles WHERE version != ?`, c.version); err != nil {
		return 0, c.fail(err)
	}
	if _, err := c.db.Exec(`DELETE FROM timelines WHERE version != ?`, c.version); err != nil {
		return 0, c.fail(err)
	}
	rows, err := c.db.Query(`SELECT key FROM articles`)
	if err != nil {
		return 0, c.fail(err)
	}
	var gone []string
	for rows.Next() {
		var k string
		if rows.Scan(&k) == nil && !exists(k) {
			gone = append(gone, k)
		}
	}
	rows.Close()
	for _, k := range gone {
		if _, err := c.db.Exec(`DELETE FROM articles WHERE key = ?`, k); err != nil {
			return 0, c.fail(err)
		}
	}
	if err := c.sweepTimelines(); err != nil {
		return 0, err
	}
	// (Packs written in the last minute may be another process's, not
	// yet committed.)
	if err := c.sweepPacks(time.Minute); err != nil {
		return 0, err
	}
	_, err = c.db.Exec(`VACUUM`)
	return len(gone), c.fail(err)
}

// Clear empties the cache.
func (c *Cache) Clear() error {
	if _, err := c.db.Exec(`DELETE FROM articles; DELETE FROM timelines`); err != nil {
		return c.fail(err)
	}
	c.packs.closeAll()
	c.packs.wrote = false
	for _, dir := range []string{timelineDir(c.path), packDir(c.path)} {
		if err := os.RemoveAll(dir); err != nil {
			return c.fail(err)
		}
	}
	_, err := c.db.Exec(`VACUUM`)
	return c.fail(err)
}

// fail names the cache in an error.
func (c *Cache) fail(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("cache %s: %w", c.path, err)
}
