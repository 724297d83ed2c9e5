#!/bin/sh
# Start Courier's scheduler and its ESMTP listener (127.0.0.2:25) inside the namespace; stop with
# `ip netns exec mtalab esmtpd stop; ip netns exec mtalab courier stop; ip netns exec mtalab authdaemond stop`.
ip netns exec mtalab /usr/sbin/authdaemond start
ip netns exec mtalab /usr/sbin/courier start
ip netns exec mtalab /usr/sbin/esmtpd start
