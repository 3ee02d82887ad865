//go:build linux

// Command rulebench measures what PerfScope's Prometheus rule file costs to evaluate, side by side with Sloth's
// rules for the same objective (99.9 % over 30 days, errors the 5xx of http_requests_total, per service), on one
// Debian Prometheus over N services with 30 days of history (npm run bench:rules):
//
//	rulebench -sloth .cache/bin/sloth [-services 50,500] [-step 5m] [-rules FILE] [-before FILE] [-work DIR]
//
// For each fleet size it backfills the history with promtool, starts Prometheus on 127.0.0.1 with the rule
// files and a scrape of the same series live, waits until every group has evaluated at least twice, and prints
// each group's rule time per minute, each rule set's total, the series it records and its ratio to Sloth
// (and leaves every rule's own evaluation time in WORK/rules-N.json).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/perfscope/perfscope/tools/fixtures"
)

const (
	setPerfScope = "PerfScope"
	setBefore    = "PerfScope (before)"
	setSloth     = "Sloth"
)

// slothSpec is the same objective as the default profile's SLA, grouped by service.
const slothSpec = `version: "prometheus/v1"
service: "fleet"
slos:
  - name: "requests-availability"
    objective: 99.9
    description: "PerfScope's default SLA: 99.9 % of requests without a 5xx over 30 days."
    sli:
      events:
        error_query: sum by (service) (rate(http_requests_total{service=~".+", code=~"5.."}[{{.window}}]))
        total_query: sum by (service) (rate(http_requests_total{service=~".+"}[{{.window}}]))
    alerting:
      name: FleetHighErrorRate
`

func main() {
	services := flag.String("services", "50,500", "fleet sizes, comma-separated")
	step := flag.Duration("step", 5*time.Minute, "sample step of the 30-day history (the last minutes are scraped every "+scrapeStep+")")
	rules := flag.String("rules", "provisioning/prometheus/perfscope.rules.yml", "PerfScope's Prometheus rule file")
	before := flag.String("before", "", "an earlier PerfScope rule file to measure alongside (its series renamed perfscope_before:)")
	sloth := flag.String("sloth", "sloth", "Sloth v0.16.0's binary")
	work := flag.String("work", ".cache/rulebench", "work directory (emptied per fleet size)")
	timeout := flag.Duration("timeout", 15*time.Minute, "longest wait for the evaluations, per fleet size")
	flag.Parse()
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, *services, *step, *rules, *before, *sloth, *work, *timeout)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "rulebench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, services string, step time.Duration, rules, before, sloth, work string, timeout time.Duration) error {
	var sizes []int
	for _, s := range strings.Split(services, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-services: %q is not a fleet size", s)
		}
		sizes = append(sizes, n)
	}
	if step < time.Minute || step > time.Hour {
		return fmt.Errorf("-step: %s is not between 1m and 1h", step)
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	work, _ = filepath.Abs(work)
	files := map[string]string{}
	var err error
	if files[setPerfScope], err = filepath.Abs(rules); err != nil {
		return err
	}
	if _, err := os.Stat(files[setPerfScope]); err != nil {
		return fmt.Errorf("-rules: %w", err)
	}
	if before != "" {
		if files[setBefore], err = renamed(before, filepath.Join(work, "perfscope-before.rules.yml")); err != nil {
			return fmt.Errorf("-before: %w", err)
		}
	}
	slothLabels, err := generateSloth(sloth, work)
	if err != nil {
		return err
	}
	files[setSloth] = filepath.Join(work, "sloth.rules.yml")
	for _, n := range sizes {
		if err := measure(ctx, n, step, work, files, slothLabels, timeout); err != nil {
			return fmt.Errorf("%d services: %w", n, err)
		}
	}
	return nil
}

// renamed copies an earlier rule file with its groups, series and alerts renamed, so it records beside the
// current one.
func renamed(from, to string) (string, error) {
	raw, err := os.ReadFile(from)
	if err != nil {
		return "", err
	}
	text := strings.NewReplacer("perfscope:", "perfscope_before:", "name: perfscope-", "name: perfscope-before-",
		"alert: PerfScope", "alert: PerfScopeBefore").Replace(string(raw))
	return to, os.WriteFile(to, []byte(text), 0o600) //nolint:gosec // G703: in the -work directory, by design
}

// generateSloth writes Sloth's rules for slothSpec and returns the labels of its recorded 5-minute error ratio
// (but service, which its grouping adds).
func generateSloth(sloth, work string) ([]fixtures.Label, error) {
	spec := filepath.Join(work, "sloth.slo.yml")
	out := filepath.Join(work, "sloth.rules.yml")
	if err := os.WriteFile(spec, []byte(slothSpec), 0o600); err != nil {
		return nil, err
	}
	if msg, err := exec.Command(sloth, "generate", "-i", spec, "-o", out).CombinedOutput(); err != nil { //nolint:gosec // the -sloth flag
		return nil, fmt.Errorf("sloth generate (-sloth %s): %v: %s", sloth, err, strings.TrimSpace(string(msg)))
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	var file struct {
		Groups []struct {
			Rules []struct {
				Record string            `yaml:"record"`
				Labels map[string]string `yaml:"labels"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(raw, &file); err != nil {
		return nil, fmt.Errorf("%s: %w", out, err)
	}
	for _, g := range file.Groups {
		for _, r := range g.Rules {
			if r.Record == "slo:sli_error:ratio_rate5m" {
				var labels []fixtures.Label
				for k, v := range r.Labels {
					labels = append(labels, fixtures.Label{Name: k, Value: v})
				}
				return labels, nil
			}
		}
	}
	return nil, fmt.Errorf("%s records no slo:sli_error:ratio_rate5m", out)
}

func measure(ctx context.Context, n int, step time.Duration, work string, files map[string]string, slothLabels []fixtures.Label, timeout time.Duration) error {
	dir := filepath.Join(work, strconv.Itoa(n))
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	began := time.Now()
	d := newDataset(n, step, began, slothLabels)
	samples, err := backfill(d, dir)
	if err != nil {
		return err
	}
	generated := time.Since(began)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	server := &http.Server{Handler: d, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = server.Serve(l) }()
	defer server.Close()

	sets := []string{setPerfScope}
	if files[setBefore] != "" {
		sets = append(sets, setBefore)
	}
	sets = append(sets, setSloth)
	byFile := map[string]string{}
	var ruleFiles []string
	for _, s := range sets {
		byFile[files[s]] = s
		ruleFiles = append(ruleFiles, files[s])
	}
	p, err := startPrometheus(ctx, dir, filepath.Join(dir, "data"), l.Addr().String(), ruleFiles)
	if err != nil {
		return err
	}
	defer p.Stop()

	o := newObservations(byFile)
	deadline := time.Now().Add(timeout)
	for !o.done() {
		if time.Now().After(deadline) {
			return fmt.Errorf("not every group evaluated twice within %s (-timeout)", timeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Second):
		}
		groups, err := p.groups()
		if err != nil {
			return err
		}
		o.add(groups)
	}
	// Every rule's own evaluation time, for a look at what costs.
	var last json.RawMessage
	if err := p.get("/api/v1/rules", &last); err == nil {
		_ = os.WriteFile(filepath.Join(work, fmt.Sprintf("rules-%d.json", n)), last, 0o600)
	}
	series := map[string]int{}
	for set, selector := range map[string]string{
		setPerfScope: `{__name__=~"perfscope:.+"}`,
		setBefore:    `{__name__=~"perfscope_before:.+"}`,
		setSloth:     `{__name__=~"slo:.+|sloth_.+"}`,
	} {
		if series[set], err = p.count(selector); err != nil {
			return err
		}
	}
	header := fmt.Sprintf("%d services: 30 days of history every %s (%d samples, generated and backfilled in %s), then scraped every %s; measured over %s",
		n, step, samples, generated.Round(time.Second), scrapeStep, time.Since(began).Round(time.Second))
	report(os.Stdout, header, o, summarise(o, sets, setSloth, series))
	return nil
}

// backfill writes the history as OpenMetrics and has promtool turn it into blocks in dir/data.
func backfill(d *dataset, dir string) (int, error) {
	om := filepath.Join(dir, "fleet.om")
	f, err := os.Create(om)
	if err != nil {
		return 0, err
	}
	samples, err := d.writeOpenMetrics(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	defer os.Remove(om)
	// 486h is one of Prometheus's own compaction ranges (2h x 3^5): a month in two or three blocks, as a
	// month-old Prometheus holds it.
	cmd := exec.Command("promtool", "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=486h", om, filepath.Join(dir, "data"))
	if out, err := cmd.CombinedOutput(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return 0, errors.New("promtool is not installed (Debian package prometheus)")
		}
		return 0, fmt.Errorf("promtool could not backfill: %s", strings.TrimSpace(string(out)))
	}
	return samples, nil
}
