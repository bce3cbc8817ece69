package timeline

import (
	"bytes"
	"runtime"
	"sync"
	"sync/atomic"

	"khatt/cache"
	"khatt/model"
)

// Stream is a timeline's events in order, a chunk at a time: parts of a
// slice in memory, or the chunks of a timeline stored in the cache,
// decoded when they are asked for. An export written from a stream holds a
// few chunks' events at a time, whatever the corpus.
type Stream struct {
	n     int // chunks
	total int // events
	// each gives chunk k's events to fn one at a time (fn keeps none: a
	// stored chunk is decoded into one event, refilled).
	each func(k int, fn func(*model.Event)) error
}

// sliceChunk is the number of events of a slice's chunk.
const sliceChunk = 256

// chunkBytes is about what a chunk of a stream is as JSON: an event is some
// 2 KB of it (its mentions quote whole sentences), 2.6 KB indented.
func (s *Stream) chunkBytes() int {
	if s.n == 0 {
		return 0
	}
	return s.total / s.n * 2600
}

// SliceStream is a stream of events in memory.
func SliceStream(evs []model.Event) *Stream {
	return &Stream{
		n:     (len(evs) + sliceChunk - 1) / sliceChunk,
		total: len(evs),
		each: func(k int, fn func(*model.Event)) error {
			for i := k * sliceChunk; i < min((k+1)*sliceChunk, len(evs)); i++ {
				fn(&evs[i])
			}
			return nil
		},
	}
}

func storedStream(st *cache.Stored) *Stream {
	return &Stream{n: st.Chunks(), total: st.Total, each: st.Each}
}

// pipe calls work(k, buf) for k from 0 to n-1 on every core, each with a
// buffer of its own, and gives out what each wrote in the order of k, as
// soon as all before it are out; at most two buffers per core are held at
// once, made with room for size bytes (a buffer grown from empty to a
// chunk's megabytes of JSON was copied and cleared a dozen times). The
// first error (of work or out) stops it and is returned.
func pipe(n, size int, work func(k int, buf *bytes.Buffer) error, out func([]byte) error) error {
	if n == 0 {
		return nil
	}
	type done struct {
		buf *bytes.Buffer
		err error
	}
	workers := min(runtime.GOMAXPROCS(0), n)
	slots := make([]chan done, n)
	for k := range slots {
		slots[k] = make(chan done, 1)
	}
	// A worker takes a free buffer, then the next k: the buffers are held
	// by the lowest ks outstanding, so the one out waits for always comes.
	free := make(chan *bytes.Buffer, 2*workers)
	for range cap(free) {
		free <- nil // made by the worker that first takes it
	}
	stop := make(chan struct{})
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				var buf *bytes.Buffer
				select {
				case buf = <-free:
				case <-stop:
					return
				}
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				if buf == nil {
					buf = bytes.NewBuffer(make([]byte, 0, size))
				}
				buf.Reset()
				slots[k] <- done{buf, work(k, buf)}
			}
		}()
	}
	var err error
	for k := 0; k < n && err == nil; k++ {
		d := <-slots[k]
		if err = d.err; err == nil {
			err = out(d.buf.Bytes())
		}
		free <- d.buf
	}
	close(stop)
	wg.Wait()
	return err
}
