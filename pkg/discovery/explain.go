package discovery

import (
	"context"
	"slices"
	"strings"

	"github.com/perfscope/perfscope/pkg/presets"
)

// ServiceLabels are labels that often name services, in the order discovery prefers them.
var ServiceLabels = []string{"service", "service_name", "app", "application", "job"}

// defaultLookback is how far back label look-ups reach (ms).
const defaultLookback = 3600e3

// ExplainMissing says why a query found nothing for the services serviceRegex matches, naming the metric and
// label: the first of its metrics that has no series, none with the service label (and which label its series
// carry instead), or none for those services. found is false when every metric has matching series (the rest
// of the query filters them out). At most three look-ups per metric (explainMissing in src/discovery).
func ExplainMissing(ctx context.Context, api API, query, label, serviceRegex string, at, lookback float64) (why string, found bool, err error) {
	count := func(q string) float64 {
		if err != nil {
			return 0
		}
		var n float64
		n, err = countOf(ctx, api, q, at)
		return n
	}
	for _, metric := range MetricNames(query) {
		if count("count("+metric+")") == 0 {
			return "no series of " + metric, err == nil, err
		}
		labelled := count("count(" + metric + "{" + label + `!=""})`)
		if err != nil {
			return "", false, err
		}
		if labelled == 0 {
			names, lerr := labelNames(ctx, api, metric, at-lookback, at)
			if lerr != nil {
				return "", false, lerr
			}
			i := slices.IndexFunc(ServiceLabels, func(l string) bool { return l != label && slices.Contains(names, l) })
			if i < 0 {
				carried := strings.Join(slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == "__name__" }), ", ")
				if carried == "" {
					carried = "no labels"
				}
				return "no series of " + metric + " with label " + quote(label) + "; its series carry " + carried, true, nil
			}
			instead := ServiceLabels[i]
			n := count("count(" + metric + "{" + instead + `!=""})`)
			return "no series of " + metric + " with label " + quote(label) + "; " + presets.JSNumber(n) + " series carry " +
				quote(instead) + " instead (try serviceLabel " + quote(instead) + ", or --service-label " + instead + " with discover)", err == nil, err
		}
		if serviceRegex != ".*" && count("count("+metric+"{"+label+"=~"+quote(serviceRegex)+"})") == 0 {
			return "no series of " + metric + " with " + label + "=~" + quote(serviceRegex) + " (" + presets.JSNumber(labelled) +
				" series carry other " + quote(label) + " values)", err == nil, err
		}
		if err != nil {
			return "", false, err
		}
	}
	return "", false, nil
}

// namedServices: beyond this many services, one explanation looks at every service rather than naming them.
const namedServices = 20

// ExplainFor says why a query has no value for these services (one explanation for all of them, a few
// look-ups).
func ExplainFor(ctx context.Context, api API, query, label string, services []string, at float64) (string, error) {
	regex := ".*"
	if len(services) > 0 && len(services) <= namedServices {
		escaped := make([]string, len(services))
		for i, s := range services {
			escaped[i] = escapeRegex(s)
		}
		regex = strings.Join(escaped, "|")
	}
	why, found, err := ExplainMissing(ctx, api, query, label, regex, at, defaultLookback)
	if err != nil {
		return "", err
	}
	if !found {
		return "its metrics have series for these services, but the query returns no value for them", nil
	}
	return why, nil
}
