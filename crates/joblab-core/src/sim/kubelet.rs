//! Pod lifecycle: creation names, container runs decided by the scenario, in-place restarts
//! (OnFailure), eviction, and graceful deletion.

use super::model::*;
use super::{
    image_with_default_tag, PullPolicy, Simulation, Wake, CONTAINER_BACKOFF_MS,
    MAX_CONTAINER_BACKOFF_MS, NODE_NAME,
};
use crate::scenario::seconds_to_ms;
use crate::validate::quote::go_quote;

/// Go's `time.Duration.String` of a whole number of milliseconds (`1.5s`, `2m0s`, `500ms`, `0s`),
/// as the kubelet's `Pulled` event prints a pull's duration truncated to milliseconds.
pub fn go_duration(ms: Millis) -> String {
    if ms == 0 {
        return "0s".to_owned();
    }
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let (h, rest) = (ms / 3_600_000, ms % 3_600_000);
    let (m, rest) = (rest / 60_000, rest % 60_000);
    let (s, frac) = (rest / 1000, rest % 1000);
    let mut secs = s.to_string();
    if frac > 0 {
        let f = format!("{frac:03}");
        secs.push('.');
        secs.push_str(f.trim_end_matches('0'));
    }
    if h > 0 {
        format!("{h}h{m}m{secs}s")
    } else if m > 0 {
        format!("{m}m{secs}s")
    } else {
        format!("{secs}s")
    }
}

/// The alphabet of generated name suffixes (k8s.io/apimachinery `util/rand`: no vowels, no
/// confusable characters).
pub const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// `generateName` keeps at most this many characters of the prefix (63 - 5 random characters).
const MAX_GENERATE_NAME_PREFIX: usize = 58;

impl Simulation {
    /// The `generateName` prefix: `<job>-`, or `<job>-<index>-` for Indexed Jobs, truncated as the
    /// API server truncates it.
    fn name_prefix(&self, index: Option<u32>) -> String {
        let job = &self.cfg.name;
        match index {
            None => {
                let p = format!("{job}-");
                p.chars().take(MAX_GENERATE_NAME_PREFIX).collect()
            }
            Some(i) => {
                let tail = format!("-{i}-");
                let keep = MAX_GENERATE_NAME_PREFIX.saturating_sub(tail.len());
                let head: String = job.chars().take(keep).collect();
                format!("{head}{tail}")
            }
        }
    }

    /// A fresh Pod name with five random characters; retries (boundedly) on the rare collision,
    /// as the API server makes clients retry.
    fn fresh_name(&mut self, index: Option<u32>) -> String {
        let prefix = self.name_prefix(index);
        for _ in 0..64 {
            let suffix: String = (0..5)
                .map(|_| {
                    let i = self.rng.below(NAME_ALPHABET.len() as u64) as usize;
                    NAME_ALPHABET.get(i).copied().map_or('x', char::from)
                })
                .collect();
            let name = format!("{prefix}{suffix}");
            if !self.names.contains(&name) {
                return name;
            }
        }
        // Practically unreachable (27^5 names); stay unique without more draws.
        format!("{prefix}{}", self.pods.len())
    }

    /// The name the API server generates for a Pod it then refuses: drawn as any name, and not
    /// kept.
    pub(crate) fn refused_name(&mut self, index: Option<u32>) -> String {
        self.fresh_name(index)
    }

    /// Creates a Pod now; the container starts after `startupSeconds`.
    pub(crate) fn create_pod(
        &mut self,
        index: Option<u32>,
        failure_count: Option<u32>,
        ignored_count: Option<u32>,
    ) -> usize {
        let name = self.fresh_name(index);
        self.names.insert(name.clone());
        let id = self.pods.len();
        let uid = format!("{}-{:06x}", self.uid.get(..23).unwrap_or(&self.uid), id);
        self.pods.push(Pod {
            name: name.clone(),
            uid,
            index,
            phase: PodPhase::Pending,
            reason: None,
            container: ContainerState::Waiting {
                reason: "ContainerCreating".into(),
            },
            exit_code: None,
            last_exit_ms: None,
            restart_count: 0,
            ready: false,
            created_ms: self.now,
            started_ms: None,
            finished_ms: None,
            deletion_requested_ms: None,
            grace_ms: self.cfg.grace_ms,
            deleted_ms: None,
            conditions: Vec::new(),
            segments: vec![Segment {
                kind: SegmentKind::Pending,
                start_ms: self.now,
                end_ms: None,
                run: None,
                exit_code: None,
                delay_ms: None,
            }],
            runs: Vec::new(),
            index_failure_count: failure_count,
            index_ignored_failure_count: ignored_count,
            counted: false,
            failure_ignored: false,
            ignores_sigterm: false,
            epoch: 0,
            crash_backoff_ms: None,
            plan: None,
        });
        self.live.push(id);
        let at = self.now + seconds_to_ms(self.scenario.startup_seconds);
        self.schedule(at, Wake::ContainerStart { pod: id, epoch: 0 });
        self.record_job_event(
            EventType::Normal,
            "SuccessfulCreate",
            &format!("Created pod: {name}"),
        );
        // The scheduler binds the Pod at once (the model's one node, NODE_NAME) and says so
        // (k/k pkg/scheduler/schedule_one.go, "Successfully assigned %v/%v to %v").
        self.record_event(
            EventType::Normal,
            "Scheduled",
            format!("pod/{name}"),
            format!(
                "Successfully assigned {}/{name} to {NODE_NAME}",
                self.cfg.namespace
            ),
            "default-scheduler",
        );
        self.pod_changed();
        id
    }

    /// Closes the open segment and opens one of `kind`.
    fn open_segment(
        &mut self,
        id: usize,
        kind: SegmentKind,
        run: Option<u32>,
        delay_ms: Option<Millis>,
    ) {
        let now = self.now;
        if let Some(p) = self.pods.get_mut(id) {
            if let Some(last) = p.segments.last_mut() {
                if last.end_ms.is_none() {
                    last.end_ms = Some(now);
                }
            }
            p.segments.push(Segment {
                kind,
                start_ms: now,
                end_ms: None,
                run,
                exit_code: None,
                delay_ms,
            });
        }
    }

    /// Decides how the next container run of Pod `id` ends: the first matching scenario rule, else
    /// the defaults with the failureRate draw.
    fn plan_run(&mut self, id: usize) -> (RunPlan, bool) {
        let run = u32::try_from(self.run_pods.len() + 1).unwrap_or(u32::MAX);
        let index = self.pods.get(id).and_then(|p| p.index);
        let attempt = match index {
            Some(i) => {
                let a = self.index_attempts.entry(i).or_insert(0);
                *a += 1;
                *a
            }
            None => run,
        };
        let rule = self.scenario.runs.iter().find(|r| {
            let m = &r.match_;
            m.run.is_none_or(|n| n == run)
                && m.attempt.is_none_or(|n| n == attempt)
                && m.index
                    .as_ref()
                    .is_none_or(|ix| index.is_some_and(|i| ix.contains(i)))
        });
        let (exit_code, run_ms, evicted, ignores) = match rule {
            Some(r) => (
                r.exit_code.unwrap_or(self.scenario.exit_code),
                seconds_to_ms(r.run_seconds.unwrap_or(self.scenario.run_seconds)),
                r.evicted.unwrap_or(false),
                r.ignores_sigterm.unwrap_or(false),
            ),
            None => {
                let fail = self.rng.unit() < self.scenario.failure_rate;
                (
                    if fail { 1 } else { self.scenario.exit_code },
                    seconds_to_ms(self.scenario.run_seconds),
                    false,
                    false,
                )
            }
        };
        (
            RunPlan {
                run,
                exit_code,
                run_ms,
                evicted,
            },
            ignores,
        )
    }

    /// The kubelet is about to start a container of Pod `id` (its first start, or a restart
    /// when `restart`): the image check of `EnsureImageExists` (k/k
    /// `pkg/kubelet/images/image_manager.go`) decides whether it pulls first.
    fn ensure_image(&mut self, id: usize, restart: bool) {
        let now = self.now;
        let present = self.image_present_ms.is_some_and(|t| t <= now);
        let Some(p) = self.pods.get(id) else { return };
        let pod_obj = format!("pod/{}", p.name);
        let epoch = p.epoch;
        let image = self.cfg.image.clone();
        match (self.cfg.image_pull_policy, present) {
            (PullPolicy::Always, _) | (PullPolicy::IfNotPresent, false) => {
                // pullImage: the event first, then the serial puller's queue; the pull takes
                // imagePullSeconds once it is the node's turn.
                self.record_event(
                    EventType::Normal,
                    "Pulling",
                    pod_obj,
                    format!(
                        "Pulling image {}",
                        go_quote(&image_with_default_tag(&image))
                    ),
                    "kubelet",
                );
                let start = self.puller_free_ms.max(now);
                let end = start + seconds_to_ms(self.scenario.image_pull_seconds);
                self.puller_free_ms = end;
                self.schedule(
                    end,
                    Wake::PullDone {
                        pod: id,
                        epoch,
                        restart,
                        requested_ms: now,
                    },
                );
            }
            (PullPolicy::Never, false) => {
                // imageNotPresentOnNeverPolicyError: the container waits for good. (The real
                // kubelet repeats the event at each retry of the Pod's sync; the model says it
                // once.)
                self.record_event(
                    EventType::Warning,
                    "ErrImageNeverPull",
                    pod_obj,
                    format!(
                        "Container image {} is not present with pull policy of Never",
                        go_quote(&image)
                    ),
                    "kubelet",
                );
                if let Some(p) = self.pods.get_mut(id) {
                    p.container = ContainerState::Waiting {
                        reason: "ErrImageNeverPull".into(),
                    };
                }
                self.pod_changed();
            }
            (_, true) => {
                // With KubeletEnsureSecretPulledImages on by default, and no pull secrets.
                self.record_event(
                    EventType::Normal,
                    "Pulled",
                    pod_obj,
                    format!(
                        "Container image {} already present on machine and can be accessed by the pod",
                        go_quote(&image)
                    ),
                    "kubelet",
                );
                self.start_run(id, restart);
            }
        }
    }

    /// The pull for Pod `id` ends: the node holds the image from now, and the container starts
    /// unless the Pod was deleted meanwhile.
    pub(crate) fn on_pull_done(
        &mut self,
        id: usize,
        epoch: u32,
        restart: bool,
        requested_ms: Millis,
    ) {
        if !self.pods.get(id).is_some_and(|p| {
            p.epoch == epoch && !p.phase.is_terminal() && p.deletion_requested_ms.is_none()
        }) {
            return;
        }
        let now = self.now;
        self.image_present_ms = Some(self.image_present_ms.map_or(now, |t| t.min(now)));
        let image = image_with_default_tag(&self.cfg.image);
        let pull_ms = seconds_to_ms(self.scenario.image_pull_seconds);
        let name = self
            .pods
            .get(id)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        self.record_event(
            EventType::Normal,
            "Pulled",
            format!("pod/{name}"),
            format!(
                "Successfully pulled image {} in {} ({} including waiting). Image size: {} bytes.",
                go_quote(&image),
                go_duration(pull_ms),
                go_duration(now.saturating_sub(requested_ms)),
                self.scenario.image_size_bytes
            ),
            "kubelet",
        );
        self.start_run(id, restart);
    }

    /// Starts a container run in Pod `id` now (a restart counts in `restartCount`).
    fn start_run(&mut self, id: usize, restart: bool) {
        let (plan, ignores) = self.plan_run(id);
        self.run_pods.push(id);
        let now = self.now;
        let Some(p) = self.pods.get_mut(id) else {
            return;
        };
        if restart {
            p.restart_count += 1;
        }
        p.phase = PodPhase::Running;
        p.container = ContainerState::Running { started_ms: now };
        p.ready = true;
        p.started_ms.get_or_insert(now);
        p.runs.push(plan.run);
        p.plan = Some(plan);
        p.ignores_sigterm = ignores;
        let epoch = p.epoch;
        let pod_obj = format!("pod/{}", p.name);
        self.open_segment(id, SegmentKind::Running, Some(plan.run), None);
        // After the image: create and start, with the messages of the v1.37 kubelet
        // (kuberuntime/kuberuntime_container.go).
        for (reason, message) in [
            ("Created", "Container created"),
            ("Started", "Container started"),
        ] {
            self.record_event(
                EventType::Normal,
                reason,
                pod_obj.clone(),
                message.to_owned(),
                "kubelet",
            );
        }
        self.schedule(now + plan.run_ms, Wake::ContainerExit { pod: id, epoch });
        self.pod_changed();
    }

    pub(crate) fn on_container_start(&mut self, id: usize, epoch: u32) {
        if self.pods.get(id).is_some_and(|p| {
            p.epoch == epoch && p.phase == PodPhase::Pending && p.deletion_requested_ms.is_none()
        }) {
            self.ensure_image(id, false);
        }
    }

    pub(crate) fn on_container_restart(&mut self, id: usize, epoch: u32) {
        if self.pods.get(id).is_some_and(|p| {
            p.epoch == epoch && !p.phase.is_terminal() && p.deletion_requested_ms.is_none()
        }) {
            self.ensure_image(id, true);
        }
    }

    /// Records the end of the current run with `exit_code`.
    fn end_run(&mut self, id: usize, exit_code: i32) {
        let now = self.now;
        if let Some(p) = self.pods.get_mut(id) {
            p.container = ContainerState::Terminated {
                exit_code,
                reason: if exit_code == 0 {
                    "Completed".into()
                } else {
                    "Error".into()
                },
                finished_ms: now,
            };
            p.exit_code = Some(exit_code);
            p.last_exit_ms = Some(now);
            p.ready = false;
            p.epoch = p.epoch.wrapping_add(1);
            if let Some(seg) = p
                .segments
                .iter_mut()
                .rev()
                .find(|s| s.kind == SegmentKind::Running || s.kind == SegmentKind::Terminating)
            {
                seg.exit_code = Some(exit_code);
            }
        }
    }

    /// The Pod reaches a terminal phase now.
    fn finish_pod(&mut self, id: usize, phase: PodPhase) {
        let now = self.now;
        let kind = if phase == PodPhase::Succeeded {
            SegmentKind::Succeeded
        } else {
            SegmentKind::Failed
        };
        self.open_segment(id, kind, None, None);
        if let Some(p) = self.pods.get_mut(id) {
            p.phase = phase;
            p.finished_ms = Some(now);
            p.ready = false;
            p.epoch = p.epoch.wrapping_add(1);
        }
        self.maybe_gone(id);
        self.pod_changed();
    }

    /// A deleted Pod disappears once terminal and no longer held by the Job's tracking finalizer
    /// (or the Job itself is gone).
    pub(crate) fn maybe_gone(&mut self, id: usize) {
        let now = self.now;
        let job_gone = self.job_deleted_ms.is_some();
        if self.cfg.template_finalizers {
            return;
        }
        if let Some(p) = self.pods.get_mut(id) {
            if p.deleted_ms.is_none()
                && p.deletion_requested_ms.is_some()
                && p.phase.is_terminal()
                && (p.counted || job_gone)
            {
                p.deleted_ms = Some(now);
                if let Some(last) = p.segments.last_mut() {
                    if last.end_ms.is_none() {
                        last.end_ms = Some(now);
                    }
                }
            }
        }
    }

    pub(crate) fn on_container_exit(&mut self, id: usize, epoch: u32) {
        let Some(p) = self.pods.get(id) else { return };
        if p.epoch != epoch || p.phase != PodPhase::Running {
            return;
        }
        let Some(plan) = p.plan else { return };
        let pod_obj = format!("pod/{}", p.name);
        let deleting = p.deletion_requested_ms.is_some();
        if plan.evicted && !deleting {
            // API-initiated eviction: the Pod gets DisruptionTarget=True, is stopped, and fails.
            let now = self.now;
            if let Some(p) = self.pods.get_mut(id) {
                p.conditions.push(PodCondition {
                    type_: "DisruptionTarget".into(),
                    status: "True".into(),
                    reason: "EvictionByEvictionAPI".into(),
                    message: "Eviction API: evicting".into(),
                    // Stored in whole seconds, as every API timestamp.
                    last_transition_ms: now - now % 1000,
                });
                p.reason = Some("Evicted".into());
            }
            let c = self.cfg.main_container().to_string();
            self.record_event(
                EventType::Normal,
                "Killing",
                pod_obj,
                format!("Stopping container {c}"),
                "kubelet",
            );
            self.end_run(id, 137);
            self.finish_pod(id, PodPhase::Failed);
            return;
        }
        self.end_run(id, plan.exit_code);
        if plan.exit_code == 0 {
            self.finish_pod(id, PodPhase::Succeeded);
        } else if !self.cfg.on_failure || deleting {
            self.finish_pod(id, PodPhase::Failed);
        } else {
            self.crash_restart(id, pod_obj);
        }
    }

    /// OnFailure: the kubelet restarts the container in place, at once the first time, then after
    /// its back-off (10 s doubling to 300 s, measured from the exit).
    fn crash_restart(&mut self, id: usize, pod_obj: String) {
        let now = self.now;
        let Some(p) = self.pods.get_mut(id) else {
            return;
        };
        let delay = p.crash_backoff_ms.unwrap_or(0);
        p.crash_backoff_ms = Some(match p.crash_backoff_ms {
            None => CONTAINER_BACKOFF_MS,
            Some(d) => d.saturating_mul(2).min(MAX_CONTAINER_BACKOFF_MS),
        });
        let epoch = p.epoch;
        let name = p.name.clone();
        let uid = p.uid.clone();
        if delay == 0 {
            // The exit is a Pod update of its own, whether or not a pull comes before the
            // restart.
            self.pod_changed();
            self.ensure_image(id, true);
            return;
        }
        if let Some(p) = self.pods.get_mut(id) {
            p.container = ContainerState::Waiting {
                reason: "CrashLoopBackOff".into(),
            };
        }
        self.open_segment(id, SegmentKind::CrashLoopBackOff, None, Some(delay));
        let c = self.cfg.main_container().to_string();
        let ns = self.cfg.namespace.clone();
        self.record_event(
            EventType::Warning,
            "BackOff",
            pod_obj,
            format!("Back-off restarting failed container {c} in pod {name}_{ns}({uid})"),
            "kubelet",
        );
        self.schedule(now + delay, Wake::ContainerRestart { pod: id, epoch });
        self.pod_changed();
    }

    /// Deletes Pod `id` now. `keep_finalizer` false is the controller's own deletion of surplus or
    /// suspended Pods, which removes the tracking finalizer first so the Pod is never counted.
    pub(crate) fn delete_pod(&mut self, id: usize, keep_finalizer: bool) {
        let now = self.now;
        let Some(p) = self.pods.get_mut(id) else {
            return;
        };
        if p.deletion_requested_ms.is_some() || p.deleted_ms.is_some() {
            return;
        }
        p.deletion_requested_ms = Some(now);
        if !keep_finalizer {
            p.counted = true;
        }
        let phase = p.phase;
        let running = matches!(p.container, ContainerState::Running { .. });
        let ignores = p.ignores_sigterm;
        let grace = p.grace_ms;
        p.epoch = p.epoch.wrapping_add(1);
        let epoch = p.epoch;
        let pod_obj = format!("pod/{}", p.name);
        if phase.is_terminal() {
            self.maybe_gone(id);
            self.pod_changed();
            return;
        }
        if running {
            let c = self.cfg.main_container().to_string();
            self.record_event(
                EventType::Normal,
                "Killing",
                pod_obj,
                format!("Stopping container {c}"),
                "kubelet",
            );
            if ignores && grace > 0 {
                self.open_segment(id, SegmentKind::Terminating, None, None);
                let mut natural_exit = None;
                if let Some(p) = self.pods.get_mut(id) {
                    p.ready = false;
                    if let (ContainerState::Running { started_ms }, Some(plan)) =
                        (&p.container, p.plan)
                    {
                        natural_exit = Some(started_ms.saturating_add(plan.run_ms));
                    }
                }
                // A container that ignores SIGTERM still ends on its own if its work finishes
                // within the grace period, with its own exit code.
                if let Some(t) = natural_exit.filter(|&t| t < now + grace) {
                    self.schedule(t.max(now), Wake::ContainerExit { pod: id, epoch });
                }
                self.schedule(now + grace, Wake::GraceExpired { pod: id, epoch });
                self.pod_changed();
                return;
            }
            self.end_run(id, 143);
        }
        self.finish_pod(id, PodPhase::Failed);
    }

    pub(crate) fn on_grace_expired(&mut self, id: usize, epoch: u32) {
        if !self
            .pods
            .get(id)
            .is_some_and(|p| p.epoch == epoch && !p.phase.is_terminal())
        {
            return;
        }
        self.end_run(id, 137);
        self.finish_pod(id, PodPhase::Failed);
    }
}

#[cfg(test)]
mod tests {
    use super::go_duration;
    use crate::sim::{image_with_default_tag, PullPolicy};

    #[test]
    fn durations_print_as_go_prints_them() {
        // time.Duration.String of whole milliseconds.
        for (ms, want) in [
            (0, "0s"),
            (1, "1ms"),
            (500, "500ms"),
            (1000, "1s"),
            (1500, "1.5s"),
            (1050, "1.05s"),
            (12_345, "12.345s"),
            (60_000, "1m0s"),
            (90_500, "1m30.5s"),
            (3_600_000, "1h0m0s"),
            (3_723_004, "1h2m3.004s"),
        ] {
            assert_eq!(go_duration(ms), want, "{ms}");
        }
    }

    #[test]
    fn pull_policies_and_pulled_images_follow_the_kubelet() {
        for (written, image, policy, pulled) in [
            (None, "busybox", PullPolicy::Always, "busybox:latest"),
            (None, "busybox:latest", PullPolicy::Always, "busybox:latest"),
            (
                None,
                "busybox:1.36",
                PullPolicy::IfNotPresent,
                "busybox:1.36",
            ),
            (
                None,
                "registry.example.com:5000/team/app",
                PullPolicy::Always,
                "registry.example.com:5000/team/app:latest",
            ),
            (
                None,
                "busybox@sha256:0123456789012345678901234567890123456789012345678901234567890123",
                PullPolicy::IfNotPresent,
                "busybox@sha256:0123456789012345678901234567890123456789012345678901234567890123",
            ),
            (None, "", PullPolicy::IfNotPresent, ""),
            (
                Some("Never"),
                "busybox",
                PullPolicy::Never,
                "busybox:latest",
            ),
            (
                Some("IfNotPresent"),
                "busybox",
                PullPolicy::IfNotPresent,
                "busybox:latest",
            ),
            (
                Some("Always"),
                "busybox:1.36",
                PullPolicy::Always,
                "busybox:1.36",
            ),
        ] {
            assert_eq!(PullPolicy::effective(written, image), policy, "{image}");
            assert_eq!(image_with_default_tag(image), pulled, "{image}");
        }
    }
}
