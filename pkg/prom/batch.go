package prom

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/prometheus/common/model"
)

// Batch is one request's view of the client: identical queries (same expression, time span and step) are
// sent once and their result is shared. Results are shared read-only.
type Batch struct {
	c     *Client
	mu    sync.Mutex
	calls map[batchKey]*batchCall
}

type batchKey struct {
	expr             string
	start, end, step int64
}

type batchCall struct {
	done   chan struct{}
	matrix model.Matrix
	vector model.Vector
	err    error
}

// ErrInternal is a query's error when PerfScope's own code panicked; the plugin log has the details.
var ErrInternal = errors.New("internal error in the PerfScope datasource; the plugin log has details")

// NewBatch starts a request's deduplicating view of c.
func (c *Client) NewBatch() *Batch { return &Batch{c: c, calls: map[batchKey]*batchCall{}} }

func (b *Batch) do(ctx context.Context, k batchKey, run func(*batchCall)) *batchCall {
	b.mu.Lock()
	call, found := b.calls[k]
	if !found {
		call = &batchCall{done: make(chan struct{})}
		b.calls[k] = call
	}
	b.mu.Unlock()
	if !found {
		runOnce(call, run)
		return call
	}
	select {
	case <-call.done:
		return call
	case <-ctx.Done():
		return &batchCall{err: b.c.explain(ctx, ctx.Err())}
	}
}

// runOnce runs the call for every query waiting on it. A panic still closes done, so the others get an error
// instead of waiting forever, and goes on to the caller's recover.
func runOnce(call *batchCall, run func(*batchCall)) {
	defer close(call.done)
	defer func() {
		if p := recover(); p != nil {
			call.matrix, call.vector, call.err = nil, nil, &Error{Msg: ErrInternal.Error(), Err: ErrInternal}
			panic(p)
		}
	}()
	run(call)
}

// QueryRange is Client.QueryRange, sent once per distinct query in the batch.
func (b *Batch) QueryRange(ctx context.Context, expr string, r Range) (model.Matrix, error) {
	k := batchKey{expr: expr, start: r.Start.UnixMilli(), end: r.End.UnixMilli(), step: int64(r.Step)}
	call := b.do(ctx, k, func(call *batchCall) { call.matrix, call.err = b.c.QueryRange(ctx, expr, r) })
	return call.matrix, call.err
}

// Query is Client.Query, sent once per distinct query in the batch.
func (b *Batch) Query(ctx context.Context, expr string, ts time.Time) (model.Vector, error) {
	k := batchKey{expr: expr, start: ts.UnixMilli(), end: ts.UnixMilli()}
	call := b.do(ctx, k, func(call *batchCall) { call.vector, call.err = b.c.Query(ctx, expr, ts) })
	return call.vector, call.err
}
