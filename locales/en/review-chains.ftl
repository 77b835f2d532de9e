## Administration of review chains
chains-nav = Review chains
chains-title = Review chains
chains-lead = For each kind of agreement, the steps a submitted draft goes through, in order. A change applies to the next submission.
chains-default = default
chains-lead-unit = the agreement’s lead unit
chains-any-unit = any unit
chains-step-summary = { $role } ({ $unit }), { $days } days
chains-edit-title = Review chain: { $kind }
chains-edit-lead = Choose a role, a unit and the days allowed for each step; leave the role empty to drop a step.
chains-step = Step { $number }
chains-no-step = No step
chains-days = Days allowed
