const CYCLE_METHODS = [
	["Compile", "complaint_accountability.api.compile_period"],
	["Confirm Unappealed", "complaint_accountability.api.confirm_unappealed"],
	["Hand Off to Payroll", "complaint_accountability.api.hand_off_to_payroll"],
	["Send Assessment Tables", "complaint_accountability.api.send_assessment_tables"],
	["Issue Notices", "complaint_accountability.api.issue_notices"],
];

frappe.ui.form.on("Accountability Period", {
	refresh(frm) {
		render_summary(frm);
		if (frm.is_new() || !frappe.user.has_role("Accountability Committee")) return;
		for (const [label, method] of CYCLE_METHODS) {
			frm.add_custom_button(
				__(label),
				() => run_cycle_step(frm, label, method),
				__("Cycle")
			);
		}
	},
});

function run_cycle_step(frm, label, method) {
	frappe.call({
		method,
		args: { period: frm.doc.name },
		freeze: true,
		freeze_message: __(label) + "…",
		callback: (r) => {
			const result = r.message || {};
			if (result.message) {
				// what was made and sent, and what was not (no email account, no recipient)
				frappe.msgprint({
					title: __(label),
					message: result.message,
					indicator: result.not_sent || result.no_recipient ? "orange" : "green",
				});
			} else {
				frappe.show_alert({
					message: result.queued ? __("Started in the background") : __("Done"),
					indicator: "green",
				});
			}
			frm.reload_doc();
		},
	});
}

function render_summary(frm) {
	const summary = frm.doc.__onload && frm.doc.__onload.summary;
	if (!summary) return;
	const rows = Object.entries(summary.states)
		.map(
			([state, v]) =>
				`<tr><td>${__(state)}</td><td class="text-right">${v.count}</td>` +
				`<td class="text-right">${format_currency(v.amount, "CNY")}</td></tr>`
		)
		.join("");
	const blockers = summary.blockers.length
		? `<div class="alert alert-warning">${summary.blockers
				.map(frappe.utils.escape_html)
				.join("<br>")}</div>`
		: `<div class="alert alert-success">${__("Nothing blocks the next step")}</div>`;
	frm.get_field("summary_html").$wrapper.html(`
		${blockers}
		<table class="table table-bordered table-sm">
			<thead><tr><th>${__("Workflow State")}</th><th class="text-right">${__("Findings")}</th>
			<th class="text-right">${__("Penalty Amount")}</th></tr></thead>
			<tbody>${rows}</tbody>
		</table>
		<p>${__("Open appeals")}: ${summary.open_appeals} · ${__("Penalty entries")}: ${
		summary.penalty_entries
	}</p>
		${render_documents(frm, summary.documents || [])}`);
}

function render_documents(frm, documents) {
	if (!documents.length) return "";
	const rows = documents
		.map(
			(d) =>
				`<tr><td>${__(d.kind)}</td><td>${__(
					d.delivery_status
				)}</td><td class="text-right">${d.count}</td></tr>`
		)
		.join("");
	const link = `/app/period-document?accountability_period=${encodeURIComponent(frm.doc.name)}`;
	return `
		<table class="table table-bordered table-sm">
			<thead><tr><th>${__("Period Document")}</th><th>${__("Sending Status")}</th>
			<th class="text-right">${__("Count")}</th></tr></thead>
			<tbody>${rows}</tbody>
		</table>
		<p><a href="${link}">${__("Open the period's documents")}</a></p>`;
}
