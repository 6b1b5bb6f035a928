frappe.ui.form.on("Responsibility Finding", {
	refresh(frm) {
		if (frm.doc.workflow_state === "Final") {
			show_appeal_deadline(frm);
			if (frappe.model.can_create("Appeal")) {
				frm.add_custom_button(__("File an Appeal"), () =>
					frappe.new_doc("Appeal", { responsibility_finding: frm.doc.name })
				).addClass("btn-primary");
			}
		}
	},
});

function show_appeal_deadline(frm) {
	frappe.db
		.get_value("Accountability Period", frm.doc.accountability_period, "appeal_deadline")
		.then(({ message }) => {
			if (!message || !message.appeal_deadline) return;
			frm.dashboard.set_headline_alert(
				__(
					"You may appeal until the end of {0}, with evidence that you are not responsible",
					[frappe.datetime.str_to_user(message.appeal_deadline, false, true)]
				),
				"blue"
			);
		});
}
