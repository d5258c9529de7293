#!/usr/bin/perl
# Mail::SRS (Debian's libmail-srs-perl) as a filter for SrsMailSrsInteropTest.
# Arguments: the Unix time Mail::SRS is to see as now, then the secrets (the first signs).
# Each input line is "forward<TAB>sender<TAB>alias-domain" or "reverse<TAB>address"; each output line is
# "ok<TAB>result" or "error<TAB>message", in the same order.
use strict;
use warnings;
my $now;
BEGIN {
	$now = shift @ARGV;
	# Mail::SRS reads the clock with time(); this must be in place before it is compiled.
	*CORE::GLOBAL::time = sub () { $now };
}
require Mail::SRS;
my $srs = Mail::SRS->new(Secret => [@ARGV], MaxAge => 21, HashLength => 4);
$| = 1;
while (my $line = <STDIN>) {
	chomp $line;
	my ($op, @args) = split /\t/, $line, -1;
	local $SIG{__WARN__} = sub { };    # the case-smashed hash warning
	my $out = eval { $op eq 'forward' ? $srs->forward(@args) : $srs->reverse(@args) };
	if ($@) {
		(my $err = $@) =~ s/[\r\n]+/ /g;
		print "error\t$err\n";
	} else {
		print "ok\t$out\n";
	}
}
