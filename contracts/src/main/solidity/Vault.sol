// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

import {IERC20} from "./IERC20.sol";
import {ConstantProductPool} from "./ConstantProductPool.sol";

/// @title Vault whose assets sit in strategy sleeves and move only on allocations signed by the risk service.
/// @notice Sleeve 0 holds the stablecoin (the unit of account); every other sleeve holds one token priced by, and
///         traded through, its constant-product pool against the stablecoin. Anyone may submit a signed allocation:
///         authority comes from the EIP-712 signature of the registered risk signer, not from the sender.
contract Vault {
    struct Allocation {
        address vault;
        uint256 nonce;
        uint256 validUntil;
        uint256[] weightsBps;
    }

    struct Sleeve {
        string name;
        address token;
        address pool;
        uint256 capBps;
    }

    uint256 public constant BPS = 10_000;
    bytes32 public constant ALLOCATION_TYPEHASH =
        keccak256("Allocation(address vault,uint256 nonce,uint256 validUntil,uint256[] weightsBps)");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("Vaultrisk");
    bytes32 private constant VERSION_HASH = keccak256("1");
    // secp256k1n / 2: a signature with a higher s has a twin (n - s, flipped v) that recovers the same signer.
    uint256 private constant HALF_CURVE_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    address public immutable owner;
    uint256 public immutable maxTurnoverBps;
    uint256 public immutable maxSlippageBps;
    address public riskSigner;
    /// @notice Nonce of the last applied allocation; the next one must be strictly greater.
    uint256 public nonce;
    uint256 public lastRebalanceAt;

    Sleeve[] private sleeves;
    uint256 private immutable cachedChainId;
    bytes32 private immutable cachedDomainSeparator;
    uint256 private locked = 1;

    event Rebalanced(
        uint256 indexed nonce, address indexed signer, uint256[] weightsBps, uint256 turnoverBps, uint256 totalValue
    );
    event SleeveTraded(uint256 indexed sleeve, bool sold, uint256 amountIn, uint256 amountOut, uint256 minAmountOut);
    event RiskSignerChanged(address indexed previous, address indexed current);

    error NotOwner(address caller);
    error ZeroAddress();
    error InvalidConfig(string field);
    error Reentrancy();
    error InvalidSignatureLength(uint256 length);
    error InvalidSignatureV(uint8 v);
    error MalleableSignature(bytes32 s);
    error InvalidSignature();
    error UnauthorizedSigner(address recovered, address expected);
    error WrongVault(address vault);
    error NonceNotIncreasing(uint256 nonce, uint256 lastNonce);
    error AllocationExpired(uint256 validUntil, uint256 blockTimestamp);
    error WrongSleeveCount(uint256 given, uint256 expected);
    error WeightsSumInvalid(uint256 sumBps);
    error WeightAboveCap(uint256 sleeve, uint256 weightBps, uint256 capBps);
    error EmptyVault();
    error TurnoverTooHigh(uint256 turnoverBps, uint256 maxTurnoverBps);
    error SlippageExceeded(uint256 sleeve, uint256 quotedOut, uint256 minAmountOut);
    error TransferFailed(address token);

    modifier nonReentrant() {
        if (locked != 1) revert Reentrancy();
        locked = 2;
        _;
        locked = 1;
    }

    /// @param names sleeve names, in the order of the weights the service signs
    /// @param tokens sleeve tokens; tokens[0] is the stablecoin
    /// @param pools pools[i] trades tokens[i] against tokens[0]; pools[0] must be the zero address
    /// @param capsBps per-sleeve maximum weight
    constructor(
        string[] memory names,
        address[] memory tokens,
        address[] memory pools,
        uint256[] memory capsBps,
        uint256 maxTurnoverBps_,
        uint256 maxSlippageBps_,
        address riskSigner_
    ) {
        uint256 n = tokens.length;
        if (n < 2) revert InvalidConfig("tokens");
        if (names.length != n) revert InvalidConfig("names");
        if (pools.length != n || pools[0] != address(0)) revert InvalidConfig("pools");
        if (capsBps.length != n) revert InvalidConfig("capsBps");
        if (maxTurnoverBps_ == 0 || maxTurnoverBps_ > BPS) revert InvalidConfig("maxTurnoverBps");
        if (maxSlippageBps_ >= BPS) revert InvalidConfig("maxSlippageBps");
        if (riskSigner_ == address(0)) revert ZeroAddress();
        uint256 capSum;
        for (uint256 i; i < n; ++i) {
            if (tokens[i] == address(0)) revert ZeroAddress();
            if (capsBps[i] > BPS) revert InvalidConfig("capsBps");
            if (i > 0) {
                ConstantProductPool pool = ConstantProductPool(pools[i]);
                bool pairs = (pool.tokenA() == tokens[i] && pool.tokenB() == tokens[0])
                    || (pool.tokenA() == tokens[0] && pool.tokenB() == tokens[i]);
                if (!pairs) revert InvalidConfig("pools");
            }
            capSum += capsBps[i];
            sleeves.push(Sleeve(names[i], tokens[i], pools[i], capsBps[i]));
        }
        // caps that cannot reach 100% would make every allocation unacceptable
        if (capSum < BPS) revert InvalidConfig("capsBps");
        owner = msg.sender;
        maxTurnoverBps = maxTurnoverBps_;
        maxSlippageBps = maxSlippageBps_;
        riskSigner = riskSigner_;
        cachedChainId = block.chainid;
        cachedDomainSeparator = _buildDomainSeparator();
        emit RiskSignerChanged(address(0), riskSigner_);
    }

    // ---------------------------------------------------------------- administration

    function setRiskSigner(address signer) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (signer == address(0)) revert ZeroAddress();
        emit RiskSignerChanged(riskSigner, signer);
        riskSigner = signer;
    }

    // ---------------------------------------------------------------- views

    function sleeveCount() external view returns (uint256) {
        return sleeves.length;
    }

    function sleeve(uint256 i) external view returns (string memory name, address token, address pool, uint256 capBps) {
        Sleeve storage s = sleeves[i];
        return (s.name, s.token, s.pool, s.capBps);
    }

    /// @notice Value of every sleeve in stablecoin units at the pools' spot prices, and their total.
    function sleeveValues() public view returns (uint256[] memory values, uint256 total) {
        uint256 n = sleeves.length;
        values = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            values[i] = _value(i, IERC20(sleeves[i].token).balanceOf(address(this)));
            total += values[i];
        }
    }

    /// @notice Current weights in basis points (rounded down, so they may sum to slightly under 10,000).
    function currentWeightsBps() external view returns (uint256[] memory weights) {
        (uint256[] memory values, uint256 total) = sleeveValues();
        weights = new uint256[](values.length);
        if (total == 0) return weights;
        for (uint256 i; i < values.length; ++i) {
            weights[i] = (values[i] * BPS) / total;
        }
    }

    function domainSeparator() public view returns (bytes32) {
        return block.chainid == cachedChainId ? cachedDomainSeparator : _buildDomainSeparator();
    }

    /// @notice The EIP-712 digest the risk signer signs for this allocation.
    function allocationDigest(Allocation calldata a) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(ALLOCATION_TYPEHASH, a.vault, a.nonce, a.validUntil, keccak256(abi.encodePacked(a.weightsBps)))
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    // ---------------------------------------------------------------- rebalance

    function rebalance(Allocation calldata a, bytes calldata signature) external nonReentrant {
        address signer = _recover(allocationDigest(a), signature);
        if (signer != riskSigner) revert UnauthorizedSigner(signer, riskSigner);
        if (a.vault != address(this)) revert WrongVault(a.vault);
        if (a.nonce <= nonce) revert NonceNotIncreasing(a.nonce, nonce);
        if (block.timestamp > a.validUntil) revert AllocationExpired(a.validUntil, block.timestamp);
        _checkWeights(a.weightsBps);

        (uint256[] memory values, uint256 total) = sleeveValues();
        if (total == 0) revert EmptyVault();
        uint256 n = values.length;
        uint256[] memory targets = new uint256[](n);
        uint256 moved;
        for (uint256 i; i < n; ++i) {
            targets[i] = (total * a.weightsBps[i]) / BPS;
            moved += targets[i] > values[i] ? targets[i] - values[i] : values[i] - targets[i];
        }
        // one-way turnover: every unit bought was sold somewhere else, so half the absolute change
        uint256 turnoverBps = (moved * BPS) / (2 * total);
        if (turnoverBps > maxTurnoverBps) revert TurnoverTooHigh(turnoverBps, maxTurnoverBps);

        // effects before any external call: the nonce is spent even if a later swap re-enters
        nonce = a.nonce;
        lastRebalanceAt = block.timestamp;

        // sell first so the stablecoin sleeve holds what the buys need
        for (uint256 i = 1; i < n; ++i) {
            if (values[i] > targets[i]) {
                uint256 balance = IERC20(sleeves[i].token).balanceOf(address(this));
                uint256 amountIn = (balance * (values[i] - targets[i])) / values[i];
                if (amountIn > 0) _trade(i, true, amountIn);
            }
        }
        for (uint256 i = 1; i < n; ++i) {
            if (targets[i] > values[i]) {
                uint256 cash = IERC20(sleeves[0].token).balanceOf(address(this));
                uint256 amountIn = targets[i] - values[i];
                // pool fees on the sells leave the cash sleeve a little short; never spend more than is there
                if (amountIn > cash) amountIn = cash;
                if (amountIn > 0) _trade(i, false, amountIn);
            }
        }
        emit Rebalanced(a.nonce, signer, a.weightsBps, turnoverBps, total);
    }

    // ---------------------------------------------------------------- internals

    function _checkWeights(uint256[] calldata weights) private view {
        uint256 n = sleeves.length;
        if (weights.length != n) revert WrongSleeveCount(weights.length, n);
        uint256 sum;
        for (uint256 i; i < n; ++i) {
            sum += weights[i];
        }
        if (sum != BPS) revert WeightsSumInvalid(sum);
        for (uint256 i; i < n; ++i) {
            if (weights[i] > sleeves[i].capBps) revert WeightAboveCap(i, weights[i], sleeves[i].capBps);
        }
    }

    /// @dev Sells (sleeve token -> stablecoin) or buys (stablecoin -> sleeve token) through the sleeve's pool, with a
    ///      minimum out of the spot-price amount less the slippage limit; fee and price impact both count as slippage.
    function _trade(uint256 i, bool sell, uint256 amountIn) private {
        Sleeve storage s = sleeves[i];
        address tokenIn = sell ? s.token : sleeves[0].token;
        ConstantProductPool pool = ConstantProductPool(s.pool);
        (uint256 reserveIn, uint256 reserveOut) = pool.reservesFor(tokenIn);
        uint256 spotOut = (amountIn * reserveOut) / reserveIn;
        uint256 minOut = (spotOut * (BPS - maxSlippageBps)) / BPS;
        uint256 quoted = pool.getAmountOut(tokenIn, amountIn);
        if (quoted < minOut) revert SlippageExceeded(i, quoted, minOut);
        if (!IERC20(tokenIn).approve(address(pool), amountIn)) revert TransferFailed(tokenIn);
        uint256 out = pool.swap(tokenIn, amountIn, minOut, address(this));
        emit SleeveTraded(i, sell, amountIn, out, minOut);
    }

    function _value(uint256 i, uint256 balance) private view returns (uint256) {
        if (i == 0 || balance == 0) return balance;
        (uint256 reserveToken, uint256 reserveStable) = ConstantProductPool(sleeves[i].pool).reservesFor(sleeves[i].token);
        if (reserveToken == 0) return 0;
        return (balance * reserveStable) / reserveToken;
    }

    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address) {
        if (signature.length != 65) revert InvalidSignatureLength(signature.length);
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (uint256(s) > HALF_CURVE_ORDER) revert MalleableSignature(s);
        if (v != 27 && v != 28) revert InvalidSignatureV(v);
        address recovered = ecrecover(digest, v, r, s);
        if (recovered == address(0)) revert InvalidSignature();
        return recovered;
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }
}
