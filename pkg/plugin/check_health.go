package plugin

import (
	"context"
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// CheckHealth reports the server's version, and runs each enabled indicator query once at the current time,
// naming the indicators that fail or return no data. A server that is unreachable or refuses a query is an
// error; one that answers but has no data for some indicators is working, so that is a success whose message
// warns and names them (Grafana shows any other status as a failure). A server without Prometheus' build-info
// endpoint (some Thanos or VictoriaMetrics versions) is still checked, its version unknown.
func (d *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	if d.settingsErr != nil {
		return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: d.settingsErr.Error()}, nil
	}
	// The build info and the indicator queries share one timeout: the check answers within it.
	ctx, cancel := context.WithTimeout(d.budget(ctx), d.settings.Timeout)
	defer cancel()
	version, err := d.client.BuildVersion(ctx)
	msg := fmt.Sprintf("Prometheus %s answers at %s.", version, d.client.Address())
	switch {
	case err != nil:
		msg = fmt.Sprintf("The Prometheus-compatible API at %s: version unknown (build info: %v).", d.client.Address(), err)
	case version == "":
		msg = fmt.Sprintf("The Prometheus-compatible API answers at %s.", d.client.Address())
	}
	at := d.now()
	r := &run{d: d, batch: d.client.NewBatch(), vars: map[string]string{
		"__rate_interval": formatDuration(4 * d.settings.ScrapeInterval),
		"__range":         "1h",
		"service":         ".*",
		"domain":          ".*",
	}}
	r.rng.End = at
	inds := d.scorer.Indicators()
	failed, empty := make([]string, len(inds)), make([]string, len(inds))
	err = r.parallel(len(inds), func(i int) error {
		byKey, err := r.instantByKey(ctx, r.indicatorSource(inds[i].Name+" ("+inds[i].ID+")", inds[i].ID), r.expand(inds[i].Query, nil))
		switch {
		case err != nil:
			failed[i] = err.Error()
		case len(byKey) == 0:
			empty[i] = inds[i].Name + " (" + inds[i].ID + ")"
		}
		return nil
	})
	if err != nil { // a panic, logged
		failed = append(failed, err.Error())
	}
	failed, empty = compact(failed), compact(empty)
	left := unlabelledNote(r.unlabelledNotes())
	switch {
	case len(failed) > 0:
		return &backend.CheckHealthResult{Status: backend.HealthStatusError,
			Message: msg + " Failing indicators: " + strings.Join(failed, "; ") + noDataNote(empty) + left}, nil
	case len(empty) > 0:
		return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: msg + " Warning:" + noDataNote(empty) + left}, nil
	}
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk,
		Message: fmt.Sprintf("%s All %d enabled indicators return data.%s", msg, len(inds), left)}, nil
}

// unlabelledNote tells which indicators' series were left out for want of the service label.
func unlabelledNote(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return " " + strings.Join(notes, ". ") + "."
}

func noDataNote(empty []string) string {
	if len(empty) == 0 {
		return ""
	}
	return " No data for: " + strings.Join(empty, ", ") + " (they are left out of the score until they have data, and a key indicator without data fails the CI gate)."
}

func compact(s []string) []string {
	out := s[:0]
	for _, v := range s {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
