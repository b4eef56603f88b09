package main

// `oracle simulate JOB.yaml [--scenario S.yaml] [--until SECONDS]`: the real Job controller and
// TTL-after-finished controller (k8s.io/kubernetes v1.37.2) run a Job through a scenario in the
// deterministic harness (harness.go, kubelet.go), and the result is printed as the JSON
// `joblab simulate --format json` prints: {"job", "pods", "events", "finishedAt"}, every time in
// seconds since the Job was created.

import (
	"bytes"
	"container/heap"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/controller/job"
	"k8s.io/kubernetes/pkg/controller/ttlafterfinished"
	clocktesting "k8s.io/utils/clock/testing"
	"sigs.k8s.io/yaml"
)

// The quota's refusals are the scenario's doing: the Job controller hands each to HandleError,
// which would log it on standard error. Every other error still goes to the usual handlers.
func init() {
	handlers := utilruntime.ErrorHandlers
	utilruntime.ErrorHandlers = []utilruntime.ErrorHandler{func(ctx context.Context, err error, msg string, kv ...interface{}) {
		if apierrors.IsForbidden(err) && strings.Contains(err.Error(), "exceeded quota") {
			return
		}
		for _, h := range handlers {
			h(ctx, err, msg, kv...)
		}
	}}
}

// maxTimelineEntries bounds one simulation, as Joblab's MAX_SIM_EVENTS bounds its own.
const maxTimelineEntries = 2_000_000

// SimCase is one line of `oracle simulate --jsonl`.
type SimCase struct {
	ID           string   `json:"id"`
	Job          string   `json:"job"`
	Scenario     string   `json:"scenario"`
	UntilSeconds *float64 `json:"until,omitempty"`
}

// SimAnswer answers one SimCase: the simulation's JSON, or why there is none.
type SimAnswer struct {
	ID     string          `json:"id"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  string          `json:"error,omitempty"`
}

func simulateMain(args []string, out io.Writer) int {
	var jobPath, scenarioPath string
	until := 86400.0
	jsonl := false
	for i := 0; i < len(args); i++ {
		switch a := args[i]; a {
		case "--scenario", "--until":
			if i+1 >= len(args) {
				fmt.Fprintf(os.Stderr, "oracle simulate: %s needs a value\n", a)
				return 2
			}
			i++
			if a == "--scenario" {
				scenarioPath = args[i]
			} else {
				v, err := strconv.ParseFloat(args[i], 64)
				if err != nil || v < 0 {
					fmt.Fprintln(os.Stderr, "oracle simulate: --until must be a non-negative number")
					return 2
				}
				until = v
			}
		case "--jsonl":
			jsonl = true
		default:
			if jobPath != "" {
				fmt.Fprintln(os.Stderr, "oracle simulate: one Job file only")
				return 2
			}
			jobPath = a
		}
	}
	if jsonl {
		return simulateJSONL(os.Stdin, out)
	}
	if jobPath == "" {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	data, err := os.ReadFile(jobPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "oracle:", err)
		return 2
	}
	var scenarioYAML []byte
	if scenarioPath != "" {
		if scenarioYAML, err = os.ReadFile(scenarioPath); err != nil {
			fmt.Fprintln(os.Stderr, "oracle:", err)
			return 2
		}
	}
	result, err := simulate(data, scenarioYAML, until)
	if err != nil {
		fmt.Fprintln(os.Stderr, "oracle simulate:", err)
		return 1
	}
	_, _ = out.Write(result)
	return 0
}

func simulateJSONL(in io.Reader, out io.Writer) int {
	dec := json.NewDecoder(in)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		var c SimCase
		if err := dec.Decode(&c); err == io.EOF {
			return 0
		} else if err != nil {
			fmt.Fprintln(os.Stderr, "oracle simulate: bad case line:", err)
			return 2
		}
		until := 86400.0
		if c.UntilSeconds != nil {
			until = *c.UntilSeconds
		}
		answer := SimAnswer{ID: c.ID}
		if result, err := simulate([]byte(c.Job), []byte(c.Scenario), until); err != nil {
			answer.Error = err.Error()
		} else {
			answer.Result = result
		}
		if err := enc.Encode(answer); err != nil {
			return 2
		}
		if f, ok := out.(interface{ Flush() error }); ok {
			_ = f.Flush()
		}
	}
}

// simulate runs one Job through one scenario and returns the JSON result.
func simulate(jobYAML, scenarioYAML []byte, untilSeconds float64) (result []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	sc := &Scenario{}
	if len(scenarioYAML) != 0 {
		if err := yamlUnmarshal(scenarioYAML, sc); err != nil {
			return nil, fmt.Errorf("scenario: %w", err)
		}
	}
	if isCronJob(jobYAML) {
		return simulateCronJob(jobYAML, sc, time.Duration(secondsToMs(untilSeconds))*time.Millisecond)
	}
	jobObj, err := storedJob(jobYAML)
	if err != nil {
		return nil, err
	}
	h, err := newHarness(jobObj, sc)
	if err != nil {
		return nil, err
	}
	h.run(time.Duration(secondsToMs(untilSeconds)) * time.Millisecond)
	return h.output()
}

// storedJob is the Job the API server stores from a manifest (oracle check's create path).
func storedJob(manifest []byte) (*batchv1.Job, error) {
	var answers []DocumentAnswer
	checkStream(bytes.NewReader(manifest), func(a DocumentAnswer) { answers = append(answers, a) })
	var stored json.RawMessage
	for _, a := range answers {
		if a.Accepted && a.Kind == "Job" {
			stored = a.Stored
			break
		}
	}
	if stored == nil {
		return nil, fmt.Errorf("the API server does not accept a Job from this manifest")
	}
	jobObj := &batchv1.Job{}
	if err := json.Unmarshal(stored, jobObj); err != nil {
		return nil, err
	}
	return jobObj, nil
}

// klogQuiet keeps the controllers' logging off the output.
var klogQuiet = func() bool {
	klog.SetOutput(io.Discard)
	klog.LogToStderr(false)
	return true
}()

func newHarness(jobObj *batchv1.Job, sc *Scenario) (*harness, error) {
	return newHarnessAt(jobObj, sc, oracleNow, 0, defaultJobUID, nil)
}

// newHarnessAt is a harness whose clock's 0 is `start` (a whole second), with the Job created
// at `created` on that clock and given `uid`; onJob (may be nil) hears of the Job's changes.
// A CronJob's harness makes one per Job its controller creates.
func newHarnessAt(jobObj *batchv1.Job, sc *Scenario, start time.Time, created time.Duration, uid string,
	onJob func(old, cur *batchv1.Job)) (*harness, error) {
	_ = klogQuiet
	ctx := klog.NewContext(context.Background(), klog.Background())
	h := &harness{
		onJob:    onJob,
		now:      created,
		ctx:      ctx,
		start:    start,
		pods:     map[string]*v1.Pod{},
		byName:   map[string]*podState{},
		names:    map[string]bool{},
		attempts: map[uint32]uint32{},
		rng:      splitMix64{state: sc.Seed},
		scenario: sc,
	}
	h.clock = clocktesting.NewFakeClock(h.nowTime())
	h.client = fake.NewSimpleClientset()
	h.client.PrependReactor("*", "*", h.react)
	factory := informers.NewSharedInformerFactory(h.client, 0)
	podInformer := factory.Core().V1().Pods()
	jobInformer := factory.Batch().V1().Jobs()
	jm, err := job.NewForOracle(ctx, h.client, h.clock, podInformer, jobInformer)
	if err != nil {
		return nil, err
	}
	h.jm = jm
	// The queues of job_controller.go and ttlafterfinished_controller.go, on the fake clock: the
	// Job queue's rate limiter is upstream's own; the TTL queue's default limiter is a per-item
	// exponential one plus a token bucket that never delays a run this small.
	h.jobQueue = newFakeQueue(h, "job", workqueue.NewTypedItemExponentialFailureRateLimiter[string](job.DefaultJobApiBackOff, job.MaxJobApiBackOff))
	h.ttlQueue = newFakeQueue(h, "ttl", workqueue.NewTypedItemExponentialFailureRateLimiter[string](5*time.Millisecond, 1000*time.Second))
	jm.OracleSetQueue(h.jobQueue)
	rec := recorder{h: h}
	jm.OracleSetRecorder(rec)
	h.tc = ttlafterfinished.NewForOracle(ctx, jobInformer, h.client, h.clock, h.ttlQueue, rec)
	h.podStore = podInformer.Informer().GetIndexer()
	jm.OracleSetPodIndexer(orderedIndexer{Indexer: h.podStore, h: h})
	h.jobStore = jobInformer.Informer().GetIndexer()

	// The Job as the API server stored it, created at the start of the simulated clock.
	if jobObj.Namespace == "" {
		jobObj.Namespace = "default"
	}
	jobObj.UID = types.UID(uid)
	jobObj.CreationTimestamp = metav1.NewTime(h.start)
	jobObj.ResourceVersion = h.nextRV()
	jobObj.Generation = 1
	h.namespace, h.jobName, h.jobUID = jobObj.Namespace, jobObj.Name, uid
	spec := jobObj.Spec.Template.Spec
	h.onFailure = spec.RestartPolicy == v1.RestartPolicyOnFailure
	for _, c := range spec.Containers {
		h.containers = append(h.containers, c.Name)
	}
	if len(spec.Containers) > 0 {
		h.image = spec.Containers[0].Image
		h.pullPolicy = spec.Containers[0].ImagePullPolicy
	}
	if sc.ImagePresent == nil || *sc.ImagePresent {
		zero := time.Duration(0)
		h.imagePresentAt = &zero
	}
	h.managedElse = jobObj.Spec.ManagedBy != nil && *jobObj.Spec.ManagedBy != batchv1.JobControllerName
	h.job, h.lastJob = jobObj, jobObj
	_ = h.jobStore.Add(jobObj)
	for i, a := range sc.Actions {
		h.schedule(time.Duration(secondsToMs(a.At))*time.Millisecond, &wake{kind: wakeUserAction, index: i})
	}
	h.jm.OracleAddJob(jobObj)
	h.tc.OracleAddJob(jobObj)
	return h, nil
}

// yamlUnmarshal reads a scenario as kubectl reads YAML (sigs.k8s.io/yaml); Joblab has already
// checked it strictly.
func yamlUnmarshal(data []byte, v any) error { return yaml.Unmarshal(data, v) }

// finished reports whether the Job has a Complete or Failed condition that is True.
func jobFinished(j *batchv1.Job) bool {
	for _, c := range j.Status.Conditions {
		if (c.Type == batchv1.JobComplete || c.Type == batchv1.JobFailed) && c.Status == v1.ConditionTrue {
			return true
		}
	}
	return false
}

// settled is Joblab's is_settled: the Job finished (or was deleted, or is another controller's),
// no TTL deletion is still due, and every Pod reached a terminal phase.
func (h *harness) settled() bool {
	j := h.lastJob
	finished := jobFinished(j) || h.jobDeleted != nil || h.managedElse
	ttlPending := h.jobDeleted == nil && jobFinished(j) && j.Spec.TTLSecondsAfterFinished != nil
	if !finished || ttlPending {
		return false
	}
	for _, st := range h.states {
		if !st.deletedOrTerminal(h) {
			return false
		}
	}
	return true
}

func (st *podState) deletedOrTerminal(h *harness) bool {
	p, ok := h.pods[st.name]
	return !ok || terminalPhase(p.Status.Phase)
}

// run processes the timeline until the Job settles, nothing is left, or `until`.
func (h *harness) run(until time.Duration) {
	for !h.settled() && h.processed < maxTimelineEntries {
		if len(h.timeline) == 0 || h.timeline[0].at > until {
			break
		}
		t := h.timeline[0].at
		for len(h.timeline) > 0 && h.timeline[0].at == t && h.processed < maxTimelineEntries {
			h.stepOne()
		}
	}
	if !h.settled() && (len(h.timeline) == 0 || h.timeline[0].at > until) {
		h.now = max(h.now, until)
	}
}

// stepOne processes the next timeline entry.
func (h *harness) stepOne() {
	w := heap.Pop(&h.timeline).(*wake)
	h.processed++
	h.now = max(h.now, w.at)
	h.clock.SetTime(h.nowTime())
	h.deferring = true
	h.dispatch(w)
	h.deferring = false
	h.flushDeferred()
}

// advanceTo processes every entry due at or before t (its own clock), settled or not, then
// sets the clock to t, as Joblab's Simulation::advance_to does.
func (h *harness) advanceTo(t time.Duration) {
	for len(h.timeline) > 0 && h.timeline[0].at <= t && h.processed < maxTimelineEntries {
		h.stepOne()
	}
	h.setNow(t)
}

// setNow moves the clock forward to t (never back).
func (h *harness) setNow(t time.Duration) {
	h.now = max(h.now, t)
	h.clock.SetTime(h.nowTime())
}

// nextAt is when the next entry is due, on the harness's own clock.
func (h *harness) nextAt() (time.Duration, bool) {
	if len(h.timeline) == 0 || h.processed >= maxTimelineEntries {
		return 0, false
	}
	return h.timeline[0].at, true
}

func (h *harness) dispatch(w *wake) {
	if debugHarness {
		fmt.Fprintf(os.Stderr, "oracle harness: t=%v wake %d\n", h.now, w.kind)
	}
	switch w.kind {
	case wakeQueue:
		w.queue.due()
		h.drain(w.queue)
	case wakeContainerStart:
		h.onContainerStart(w.pod, w.epoch)
	case wakeContainerExit:
		h.onContainerExit(w.pod, w.epoch)
	case wakeContainerRestart:
		h.onContainerRestart(w.pod, w.epoch)
	case wakePullDone:
		h.onPullDone(w)
	case wakeGraceExpired:
		h.onGraceExpired(w.pod, w.epoch)
	case wakeUserAction:
		h.userAction(w.index)
	}
	h.afterStep()
}

// drain is the queue's worker: processNextWorkItem until nothing is ready.
func (h *harness) drain(q *fakeQueue) {
	for q.Len() > 0 {
		key, _ := q.Get()
		syncStart := len(h.events)
		h.createdNow = nil
		var err error
		if q == h.jobQueue {
			err = h.jm.OracleSync(h.ctx, key)
		} else {
			err = h.tc.OracleProcess(h.ctx, key)
		}
		if err == nil {
			q.Forget(key)
		} else {
			q.AddRateLimited(key)
		}
		q.Done(key)
		h.settleCreated(syncStart)
		h.afterStep()
		h.flushDeferred()
	}
}

// afterStep lets the other parties catch up after a change: the orphan worker removes the
// finalizers of Pods whose Job is gone, and the kubelet reacts to the deletions.
func (h *harness) afterStep() {
	for {
		h.jm.OracleDrainOrphans(h.ctx)
		if len(h.deletedNow) == 0 {
			return
		}
		batch := h.deletedNow
		h.deletedNow = nil
		sort.SliceStable(batch, func(i, j int) bool { return batch[i].pos < batch[j].pos })
		for _, st := range batch {
			h.onDeleted(st)
		}
	}
}

// settleCreated gives the Pods the last sync created their final names, in a fixed order
// (completion index, then arrival): the controller creates them from parallel goroutines, so
// the arrival order is the scheduler's. Names are drawn from the scenario's generator as Joblab
// draws them; the sync's creation and deletion events are put in the same order.
func (h *harness) settleCreated(syncStart int) {
	created := h.createdNow
	h.createdNow = nil
	sort.SliceStable(created, func(i, j int) bool {
		a, b := created[i].index, created[j].index
		if a == nil || b == nil {
			return false
		}
		return *a < *b
	})
	rename := map[string]string{}
	for _, st := range created {
		prefix := st.generateName
		if len(prefix) > maxGenerateNamePrefix {
			prefix = prefix[:maxGenerateNamePrefix]
		}
		name := ""
		for try := 0; try < 64; try++ {
			var b strings.Builder
			b.WriteString(prefix)
			for i := 0; i < 5; i++ {
				b.WriteByte(nameAlphabet[h.rng.below(uint64(len(nameAlphabet)))])
			}
			if !h.names[b.String()] {
				name = b.String()
				break
			}
		}
		if name == "" {
			name = prefix + strconv.Itoa(len(h.states))
		}
		old := st.name
		rename[old] = name
		if st.refused {
			continue
		}
		h.names[name] = true
		p := h.pods[old]
		delete(h.pods, old)
		delete(h.byName, old)
		_ = h.podStore.Delete(p)
		p.Name = name
		h.pods[name] = p
		_ = h.podStore.Add(p)
		st.name = name
		st.pos = len(h.states)
		st.uid = fmt.Sprintf("%s-%06x", h.jobUID[:23], st.pos)
		h.byName[name] = st
		h.states = append(h.states, st)
		h.schedule(h.now+time.Duration(h.scenario.startupMs())*time.Millisecond, &wake{kind: wakeContainerStart, pod: st, epoch: 0})
		// The scheduler binds the Pod at once to the model's one node (k/k
		// pkg/scheduler/schedule_one.go).
		h.recordEvent("pod/"+name, v1.EventTypeNormal, "Scheduled",
			fmt.Sprintf("Successfully assigned %v/%v to %v", h.namespace, name, nodeName))
	}
	h.evMu.Lock()
	defer h.evMu.Unlock()
	evs := h.events[syncStart:]
	for i := range evs {
		for old, name := range rename {
			if strings.Contains(evs[i].Message, old) || strings.Contains(evs[i].Object, old) {
				evs[i].Message = strings.ReplaceAll(evs[i].Message, old, name)
				evs[i].Object = strings.ReplaceAll(evs[i].Object, old, name)
			}
		}
	}
	// Parallel creations and deletions log in the order their goroutines ran.
	for i := 0; i < len(evs); {
		j := i
		for j < len(evs) && evs[j].Reason == evs[i].Reason {
			j++
		}
		if r := evs[i].Reason; r == "SuccessfulCreate" || r == "SuccessfulDelete" {
			run := evs[i:j]
			sort.SliceStable(run, func(a, b int) bool { return h.eventPos(run[a]) < h.eventPos(run[b]) })
		}
		i = j
	}
}

// eventPos is the creation position of the Pod an event's message names last.
func (h *harness) eventPos(e recordedEvent) int {
	fields := strings.Fields(e.Message)
	if len(fields) == 0 {
		return math.MaxInt
	}
	if st, ok := h.byName[fields[len(fields)-1]]; ok {
		return st.pos
	}
	return math.MaxInt
}

// userAction is the scenario's i-th action.
func (h *harness) userAction(i int) {
	a := h.scenario.Actions[i]
	if a.Patch != nil && h.job != nil {
		next := h.job.DeepCopy()
		s := a.Patch.Spec
		if s.Suspend != nil {
			next.Spec.Suspend = s.Suspend
		}
		if s.Parallelism != nil {
			next.Spec.Parallelism = s.Parallelism
		}
		if s.Completions != nil {
			next.Spec.Completions = s.Completions
		}
		if s.ActiveDeadlineSeconds != nil {
			next.Spec.ActiveDeadlineSeconds = s.ActiveDeadlineSeconds
		}
		// pkg/registry/batch/job/strategy.go PrepareForUpdate: a spec change is a new
		// generation. A patch that changes nothing is no update at all: no new
		// resourceVersion and no watch event. A patch the API server refuses (say, completions
		// on a NonIndexed Job, or not in tandem with parallelism) changes nothing either.
		refusal := updateRefusal(h.job, next)
		if debugHarness && refusal != "" {
			fmt.Fprintf(os.Stderr, "oracle harness: t=%v patch refused: %s\n", h.now, refusal)
		}
		if refusal == "" && !jsonEqual(next.Spec, h.job.Spec) {
			next.Generation = h.job.Generation + 1
			h.writeJob(next)
		}
	}
	if d := a.DeletePod; d != nil {
		var target *podState
		switch {
		case d.Run != nil:
			if *d.Run >= 1 && int(*d.Run) <= len(h.runPods) {
				target = h.runPods[*d.Run-1]
			}
		case d.Index != nil:
			for k := len(h.states) - 1; k >= 0; k-- {
				st := h.states[k]
				if st.index != nil && *st.index == *d.Index && !st.deletedOrTerminal(h) {
					target = st
					break
				}
			}
		case d.Name != nil:
			target = h.byName[*d.Name]
		}
		if target != nil {
			if p, ok := h.pods[target.name]; ok {
				h.deletePod(p, nil)
			}
		}
	}
	if a.DeleteJob != nil && h.job != nil && h.jobDeleted == nil {
		h.deleteJob(false)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// --- output ---------------------------------------------------------------------------------

type simCondition struct {
	Type               string `json:"type"`
	Status             string `json:"status"`
	Reason             string `json:"reason"`
	Message            string `json:"message"`
	LastTransitionTime any    `json:"lastTransitionAt"`
}

type simPod struct {
	Name         string         `json:"name"`
	Index        *uint32        `json:"index"`
	Phase        string         `json:"phase"`
	Reason       *string        `json:"reason"`
	ExitCode     *int32         `json:"exitCode"`
	RestartCount int32          `json:"restartCount"`
	CreatedAt    any            `json:"createdAt"`
	StartedAt    any            `json:"startedAt"`
	FinishedAt   any            `json:"finishedAt"`
	DeletedAt    any            `json:"deletedAt"`
	Conditions   []simCondition `json:"conditions"`
}

type simEvent struct {
	At      any    `json:"at"`
	Type    string `json:"type"`
	Reason  string `json:"reason"`
	Object  string `json:"object"`
	Message string `json:"message"`
}

type simOutput struct {
	Job        json.RawMessage `json:"job"`
	Pods       []simPod        `json:"pods"`
	Events     []simEvent      `json:"events"`
	FinishedAt any             `json:"finishedAt"`
}

// secs is a time as Joblab's JSON writes it: whole seconds as an integer, else a fraction.
func secs(d time.Duration) any {
	m := ms(d)
	if m%1000 == 0 {
		return m / 1000
	}
	return float64(m) / 1000
}

func optSecs(d *time.Duration) any {
	if d == nil {
		return nil
	}
	return secs(*d)
}

func (h *harness) output() ([]byte, error) {
	jobJSON, err := json.Marshal(h.lastJob)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	_ = json.Unmarshal(jobJSON, &m)
	m["apiVersion"], m["kind"] = "batch/v1", "Job"
	jobJSON, _ = json.Marshal(m)
	out := simOutput{Job: jobJSON, Pods: []simPod{}, Events: []simEvent{}}
	for _, st := range h.states {
		p := h.pods[st.name]
		if p == nil {
			p = st.last
		}
		sp := simPod{Name: st.name, Index: st.index, Phase: string(p.Status.Phase), ExitCode: st.exitCode,
			RestartCount: st.restartCount, CreatedAt: secs(st.created), StartedAt: optSecs(st.started),
			FinishedAt: optSecs(st.finished), DeletedAt: optSecs(st.deleted), Conditions: []simCondition{}}
		if p.Status.Reason != "" {
			r := p.Status.Reason
			sp.Reason = &r
		}
		for _, c := range p.Status.Conditions {
			if c.Type != v1.DisruptionTarget {
				continue
			}
			sp.Conditions = append(sp.Conditions, simCondition{Type: string(c.Type), Status: string(c.Status),
				Reason: c.Reason, Message: c.Message, LastTransitionTime: secs(c.LastTransitionTime.Sub(h.start))})
		}
		out.Pods = append(out.Pods, sp)
	}
	for _, e := range h.events {
		out.Events = append(out.Events, simEvent{At: secs(e.At), Type: e.Type, Reason: e.Reason, Object: e.Object, Message: e.Message})
	}
	for _, c := range h.lastJob.Status.Conditions {
		if (c.Type == batchv1.JobComplete || c.Type == batchv1.JobFailed) && c.Status == v1.ConditionTrue {
			out.FinishedAt = secs(c.LastTransitionTime.Sub(h.start))
			break
		}
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
