package cache

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// An article's events and their forms live in pack files beside the
// database (index.db.packs/), its row holding where they are: a cold run
// of 10k articles writes 100 MB of them, which SQLite's pages and
// write-ahead log took 0.5-0.8 s of a 6 s run to write, where one append
// to a file per batch takes milliseconds. A pack is written by one process, only
// appended to, and never changed after; a row names its article's bytes
// by pack, offset, length and checksum, so that bytes cut short, lost in
// a crash or rewritten are found out (the article is then extracted
// again), never trusted. Packs no row names are removed, and packs mostly
// dead (their rows replaced) or small are rewritten into one, when a
// process that wrote closes the cache (sweepPacks).

func packDir(dbPath string) string { return dbPath + ".packs" }

const (
	refMagic = "pk1:"
	// A pack's name: 32 hex digits and the suffix.
	packSuffix  = ".pack"
	packNameLen = 32 + len(packSuffix)
	// maxPack is the size past which a process starts another pack: a
	// pack is rewritten whole when it is mostly dead.
	maxPack = 256 << 20
	// packGrace is how long a pack another process may still be writing
	// (its rows not yet committed) is left alone by a sweep.
	packGrace = 15 * time.Minute
)

// ref is where an article's events are: what its row holds.
type ref struct {
	pack   string
	off, n int64
	crc    uint32
}

func (r ref) encode() []byte {
	b := make([]byte, 0, len(refMagic)+packNameLen+16)
	b = append(b, refMagic...)
	b = append(b, r.pack...)
	b = binary.AppendUvarint(b, uint64(r.off))
	b = binary.AppendUvarint(b, uint64(r.n))
	return binary.LittleEndian.AppendUint32(b, r.crc)
}

// refPrefix is what every reference into a pack starts with.
func refPrefix(pack string) string { return refMagic + pack }

func parseRef(b []byte) (ref, error) {
	bad := errors.New("cache: not a reference to an article's events")
	if len(b) < len(refMagic)+packNameLen+6 || string(b[:len(refMagic)]) != refMagic {
		return ref{}, bad
	}
	b = b[len(refMagic):]
	r := ref{pack: string(b[:packNameLen])}
	if !validPack(r.pack) {
		return ref{}, bad
	}
	b = b[packNameLen:]
	off, k := binary.Uvarint(b)
	if k <= 0 {
		return ref{}, bad
	}
	b = b[k:]
	n, k := binary.Uvarint(b)
	if k <= 0 || len(b[k:]) != 4 || off > 1<<40 || n > 1<<30 {
		return ref{}, bad
	}
	r.off, r.n, r.crc = int64(off), int64(n), binary.LittleEndian.Uint32(b[k:])
	return r, nil
}

// validPack reports whether name is a pack's name (and so never a path
// out of the packs' directory, whatever a damaged row says).
func validPack(name string) bool {
	if len(name) != packNameLen || !strings.HasSuffix(name, packSuffix) {
		return false
	}
	for _, c := range name[:32] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// packs are a cache's pack files: the one this process appends to, and
// those open for reading.
type packs struct {
	dir   string
	mu    sync.Mutex
	w     *os.File
	name  string // w's
	size  int64  // what w holds
	wrote bool   // since the cache was opened
	r     map[string]*os.File
	buf   []byte
}

// append writes blobs one after another to this process's pack and
// returns a reference to each.
func (p *packs) append(blobs [][]byte) ([][]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.w != nil && p.size >= maxPack {
		p.w.Close()
		p.w = nil
	}
	if p.w == nil {
		if err := os.MkdirAll(p.dir, 0o700); err != nil {
			return nil, err
		}
		var id [16]byte
		rand.Read(id[:])
		name := hex.EncodeToString(id[:]) + packSuffix
		f, err := os.OpenFile(filepath.Join(p.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, err
		}
		p.w, p.name, p.size = f, name, 0
	}
	p.buf = p.buf[:0]
	refs := make([][]byte, len(blobs))
	for i, b := range blobs {
		refs[i] = ref{pack: p.name, off: p.size + int64(len(p.buf)), n: int64(len(b)), crc: crc32.Checksum(b, castagnoli)}.encode()
		p.buf = append(p.buf, b...)
	}
	p.wrote = true
	if _, err := p.w.Write(p.buf); err != nil {
		// What was written of it is unknown: the next batch starts
		// another pack.
		p.w.Close()
		p.w = nil
		return nil, err
	}
	p.size += int64(len(p.buf))
	if cap(p.buf) > 8<<20 {
		p.buf = nil
	}
	return refs, nil
}

// read returns the bytes a row's reference names, checked.
func (p *packs) read(rb []byte) ([]byte, error) {
	r, err := parseRef(rb)
	if err != nil {
		return nil, err
	}
	f, err := p.open(r.pack)
	if err != nil {
		return nil, fmt.Errorf("cache: an article's events are gone: %w", err)
	}
	if info, err := f.Stat(); err != nil || r.off+r.n > info.Size() {
		return nil, fmt.Errorf("cache: an article's events are cut short in %s", r.pack)
	}
	b := make([]byte, r.n)
	if _, err := f.ReadAt(b, r.off); err != nil {
		return nil, fmt.Errorf("cache: an article's events are cut short in %s: %w", r.pack, err)
	}
	if crc32.Checksum(b, castagnoli) != r.crc {
		return nil, fmt.Errorf("cache: an article's events are damaged in %s", r.pack)
	}
	return b, nil
}

func (p *packs) open(name string) (*os.File, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if f := p.r[name]; f != nil {
		return f, nil
	}
	path := filepath.Join(p.dir, name)
	if info, err := os.Lstat(path); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if p.r == nil {
		p.r = map[string]*os.File{}
	}
	p.r[name] = f
	return f, nil
}

// closeAll closes the packs; it reports whether this process wrote any.
func (p *packs) closeAll() (wrote bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.w != nil {
		p.w.Close()
		p.w = nil
	}
	for _, f := range p.r {
		f.Close()
	}
	p.r = nil
	return p.wrote
}

// sweepPacks removes the packs no row names and rewrites into this
// process's pack the live bytes of packs that are mostly dead, or of the
// small packs once there are many (each run that extracts a changed
// article writes one). Packs another process may be writing (changed
// lately) are left alone; a reader holding a reference into a pack that
// is removed meanwhile extracts its article again.
func (c *Cache) sweepPacks(grace time.Duration) error {
	entries, err := os.ReadDir(c.packs.dir)
	if err != nil {
		return nil // none
	}
	type pack struct {
		name       string
		size, live int64
	}
	// The packs a sweep may touch, before the rows are read: none, most
	// runs (this process's pack alone, or others written lately).
	var packs []pack
	for _, e := range entries {
		name := e.Name()
		info, err := e.Info()
		if err == nil && validPack(name) && name != c.packs.name && time.Since(info.ModTime()) >= grace {
			packs = append(packs, pack{name: name, size: info.Size()})
		}
	}
	if len(packs) == 0 {
		return nil
	}
	live := map[string]int64{}
	rows, err := c.db.Query(`SELECT events, forms FROM articles`)
	if err != nil {
		return c.fail(err)
	}
	for rows.Next() {
		var ev, fm []byte
		if rows.Scan(&ev, &fm) != nil {
			continue
		}
		for _, b := range [][]byte{ev, fm} {
			if r, err := parseRef(b); err == nil {
				live[r.pack] += r.n
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c.fail(err)
	}
	var old, small []pack
	var dead int64
	for _, p := range packs {
		p.live = live[p.name]
		switch {
		case p.live == 0:
			os.Remove(filepath.Join(c.packs.dir, p.name))
		case p.live < p.size/2:
			old = append(old, p)
			dead += p.size - p.live
		case p.size < 16<<20:
			small = append(small, p)
		}
	}
	if len(small) > 16 {
		old = append(old, small...)
	} else if dead < 32<<20 {
		return nil
	}
	for _, p := range old {
		if err := c.rewritePack(p.name); err != nil {
			return err
		}
	}
	return nil
}

// rewritePack moves the live bytes of a pack into this process's pack,
// its rows updated unless another process replaced them meanwhile, and
// removes it. (Put writes an article's events and forms to one pack.)
func (c *Cache) rewritePack(name string) error {
	prefix := refPrefix(name)
	rows, err := c.db.Query(`SELECT key, events, forms FROM articles WHERE events >= ? AND events < ?`, []byte(prefix), []byte(prefix+"\xff"))
	if err != nil {
		return c.fail(err)
	}
	var keys []string
	var olds, blobs [][]byte
	for rows.Next() {
		var k string
		var ev, fm []byte
		if rows.Scan(&k, &ev, &fm) != nil {
			continue
		}
		evb, err1 := c.packs.read(ev)
		fmb, err2 := c.packs.read(fm)
		if err1 == nil && err2 == nil {
			keys, olds, blobs = append(keys, k), append(olds, ev), append(blobs, evb, fmb)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c.fail(err)
	}
	refs, err := c.packs.append(blobs)
	if err != nil {
		return c.fail(err)
	}
	tx, err := c.db.Begin()
	if err != nil {
		return c.fail(err)
	}
	defer tx.Rollback()
	for i, k := range keys {
		if _, err := tx.Exec(`UPDATE articles SET events = ?, forms = ? WHERE key = ? AND events = ?`, refs[2*i], refs[2*i+1], k, olds[i]); err != nil {
			return c.fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return c.fail(err)
	}
	c.packs.mu.Lock()
	if f := c.packs.r[name]; f != nil {
		f.Close()
		delete(c.packs.r, name)
	}
	c.packs.mu.Unlock()
	os.Remove(filepath.Join(c.packs.dir, name))
	return nil
}
