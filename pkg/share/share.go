// Package share fetches identical Prometheus queries that arrive close together once: Grafana evaluates the
// rules of a group at the same instant, and several of PerfScope's rules (the health score at three
// severities, the overhead rules, the burn-rate tiers) ask for the same PromQL at the same time. A query in
// flight is joined; a finished answer is kept for a short time, within a byte budget, then forgotten.
package share

import (
	"container/list"
	"context"
	"errors"
	"sync"
	"time"
)

// Key is one Prometheus query: its expression and time span (Unix milliseconds; Step 0 for an instant query).
type Key struct {
	Expr             string
	Start, End, Step int64
}

// Cache shares answers of type V by Key.
type Cache[V any] struct {
	ttl      time.Duration
	maxBytes int64
	now      func() time.Time

	mu      sync.Mutex
	used    int64
	entries map[Key]*entry[V]
	lru     *list.List // of Key, least recently used at the front; finished entries only
}

type entry[V any] struct {
	done    chan struct{}
	value   V
	err     error
	size    int64
	expires time.Time
	at      *list.Element
}

// New keeps answers for ttl, at most maxBytes of them (as fetch reports their sizes).
func New[V any](ttl time.Duration, maxBytes int64) *Cache[V] {
	return &Cache[V]{ttl: ttl, maxBytes: maxBytes, now: time.Now, entries: map[Key]*entry[V]{}, lru: list.New()}
}

// Fetch answers the query from a fetch under way or a kept answer, or runs fetch, which returns the answer
// and its size in bytes. Errors are never kept. A caller whose wait is cut short by its own context gets that
// context's error; one that joined a fetch cut short by the fetching caller's context fetches by itself.
func (c *Cache[V]) Fetch(ctx context.Context, k Key, fetch func(context.Context) (V, int64, error)) (V, error) {
	c.mu.Lock()
	e, found := c.entries[k]
	if found && e.at != nil && !c.now().Before(e.expires) {
		c.drop(k, e)
		found = false
	}
	if !found {
		e = &entry[V]{done: make(chan struct{})}
		c.entries[k] = e
		c.mu.Unlock()
		c.run(ctx, k, e, fetch)
		return e.value, e.err
	}
	if e.at != nil {
		c.lru.MoveToBack(e.at)
	}
	c.mu.Unlock()
	select {
	case <-e.done:
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
	if e.err != nil && (errors.Is(e.err, context.Canceled) || errors.Is(e.err, context.DeadlineExceeded)) && ctx.Err() == nil {
		v, _, err := fetch(ctx)
		return v, err
	}
	return e.value, e.err
}

// run fetches for every caller waiting on e, then keeps the answer or forgets the key. A panic still releases
// the waiters (with an error) before it goes on to the caller's recover.
func (c *Cache[V]) run(ctx context.Context, k Key, e *entry[V], fetch func(context.Context) (V, int64, error)) {
	finished := false
	defer func() {
		if !finished {
			e.err = errors.New("the shared query failed")
		}
		c.mu.Lock()
		if e.err != nil || e.size > c.maxBytes/4 {
			delete(c.entries, k) // errors and answers too big to share are not kept
		} else {
			e.expires = c.now().Add(c.ttl)
			e.at = c.lru.PushBack(k)
			c.used += e.size
			c.evict()
		}
		c.mu.Unlock()
		close(e.done)
	}()
	e.value, e.size, e.err = fetch(ctx)
	finished = true
}

// evict forgets expired answers, then the least recently used ones, until the kept ones fit the budget.
func (c *Cache[V]) evict() {
	now := c.now()
	for at := c.lru.Front(); at != nil; {
		next := at.Next()
		k := at.Value.(Key)
		if e := c.entries[k]; !now.Before(e.expires) {
			c.drop(k, e)
		}
		at = next
	}
	for c.used > c.maxBytes && c.lru.Len() > 0 {
		k := c.lru.Front().Value.(Key)
		c.drop(k, c.entries[k])
	}
}

func (c *Cache[V]) drop(k Key, e *entry[V]) {
	c.lru.Remove(e.at)
	c.used -= e.size
	delete(c.entries, k)
}

// Len is how many answers are kept or being fetched.
func (c *Cache[V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
